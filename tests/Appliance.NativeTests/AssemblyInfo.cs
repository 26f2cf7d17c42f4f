using LiveStt.Appliance.NativeTests;

// One libwhisper per process and 2 cores on the test machine: decodes run one at a time, and the memory
// test must not see another test's allocations.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: AssemblyFixture(typeof(GeneratedModels))]
