using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using LiveStt.OpsAgent.Hosting;

namespace LiveStt.OpsAgent.Tests.Infrastructure;

/// <summary>The tests' small images: a build context written as a tar in memory, built by the engine.</summary>
public static class ImageBuild
{
    public static void AddFile(TarWriter tar, string name, byte[] content, bool executable = false)
    {
        ArgumentNullException.ThrowIfNull(tar);
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(content),
            Mode = executable ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100,
        });
    }

    /// <summary>Builds <paramref name="context"/> (from its start) as <paramref name="tag"/>; its image id, or the engine's errors.</summary>
    public static async Task<string> BuildAsync(DockerClient docker, MemoryStream context, string tag, string? platform = null)
    {
        ArgumentNullException.ThrowIfNull(docker);
        ArgumentNullException.ThrowIfNull(context);
        context.Position = 0;
        var errors = new List<string>();
        await docker.Images.BuildImageFromDockerfileAsync(
            new ImageBuildParameters { Tags = [tag], Platform = platform, Remove = true, ForceRemove = true },
            context, [], new Dictionary<string, string>(),
            new SynchronousProgress<JSONMessage>(m =>
            {
                if (m.Error is not null)
                {
                    errors.Add(m.Error.Message ?? "build failed");
                }
            }));
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"building {tag} failed: {string.Join("; ", errors)}");
        }
        return (await docker.Images.InspectImageAsync(tag)).ID;
    }
}
