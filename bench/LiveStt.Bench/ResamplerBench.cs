namespace LiveStt.Bench; internal static class ResamplerBench { public static int Run() => 0; }
