using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using LiveStt.OpsAgent.Hosting;

namespace LiveStt.OpsAgent.Tests.Infrastructure;

/// <summary>
/// A small linux/arm64 service image, built from the arm64 base image that scripts/base-image.sh arm64 makes (this
/// engine runs it through QEMU user emulation). Its health check passes only where `uname -m` says aarch64, so a
/// healthy container shows it really runs as arm64.
/// </summary>
public static class Arm64Image
{
    /// <summary>The arm64 base image (LIVESTT_ARM64_BASE_IMAGE, or the tag scripts/base-image.sh arm64 gives it).</summary>
    public static string BaseImage { get; } = Environment.GetEnvironmentVariable("LIVESTT_ARM64_BASE_IMAGE") is { Length: > 0 } image
        ? image : "livestt/debian:trixie-slim-arm64";

    public static async Task<string> BuildAsync(DockerClient docker, string version)
    {
        ArgumentNullException.ThrowIfNull(docker);
        try
        {
            await docker.Images.InspectImageAsync(BaseImage);
        }
        catch (DockerImageNotFoundException)
        {
            throw new InvalidOperationException($"the arm64 base image {BaseImage} is not in the engine: make it with scripts/base-image.sh arm64");
        }
        var context = new MemoryStream();
        using (var tar = new TarWriter(context, TarEntryFormat.Pax, leaveOpen: true))
        {
            var dockerfile = $$"""
                FROM {{BaseImage}}
                ENV VERSION={{version}}
                LABEL livestt.test.version={{version}}
                HEALTHCHECK --interval=1s --timeout=5s --retries=5 CMD ["/bin/sh","-c","test \"$(uname -m)\" = aarch64"]
                CMD ["/bin/sleep","infinity"]
                """;
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile")
            {
                DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(dockerfile)),
                Mode = (UnixFileMode)0b110_100_100,
            });
        }
        context.Position = 0;
        var tag = $"{DockerFixture.LocalImages}/arm64-svc:{version}";
        var errors = new List<string>();
        await docker.Images.BuildImageFromDockerfileAsync(
            new ImageBuildParameters { Tags = [tag], Platform = "linux/arm64", Remove = true, ForceRemove = true },
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
