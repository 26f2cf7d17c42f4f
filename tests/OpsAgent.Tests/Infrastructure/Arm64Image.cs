using System.Formats.Tar;
using Docker.DotNet;

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
            ImageBuild.AddFile(tar, "Dockerfile", System.Text.Encoding.UTF8.GetBytes(dockerfile));
        }
        return await ImageBuild.BuildAsync(docker, context, $"{DockerFixture.LocalImages}/arm64-svc:{version}", "linux/arm64");
    }
}
