using LiveStt.OpsAgent.Registry;

namespace LiveStt.OpsAgent.Tests.Registry;

/// <summary>Docker's reference grammar, no looser: what settings and tarball manifests may name.</summary>
public sealed class ImageReferenceTests
{
    private const string Repository = "the repository must be lower-case letters and digits, in parts joined by '.', '_', '__' or '-', separated by '/'.";
    private const string Tag = "the tag must be 1 to 128 letters, digits, '_', '.' or '-', and not start with '.' or '-'.";

    [Theory]
    [InlineData("registry.example/livestt/appliance:stable", "registry.example", "livestt/appliance", "stable", null)]
    [InlineData("127.0.0.1:5000/livestt/opsagent:v1.2_rc-3", "127.0.0.1:5000", "livestt/opsagent", "v1.2_rc-3", null)]
    [InlineData("localhost/a.b/c__d/e--f", "localhost", "a.b/c__d/e--f", "latest", null)]
    [InlineData("busybox", "docker.io", "library/busybox", "latest", null)]
    [InlineData("Registry-1.Example:443/x/y@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "Registry-1.Example:443", "x/y", null, "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void A_reference_in_dockers_grammar_is_read_into_its_parts(string text, string registry, string repository, string? tag, string? digest)
    {
        ImageReference.TryParse(text, out var reference, out var error).ShouldBeTrue(error);
        reference.ShouldBe(new ImageReference(registry, repository, tag, digest));
    }

    [Theory]
    [InlineData("registry.example/livestt/../../etc:stable", Repository)]
    [InlineData("registry.example/livestt/./appliance:stable", Repository)]
    [InlineData("registry.example//appliance:stable", Repository)]
    [InlineData("registry.example/livestt/Appliance:stable", Repository)]
    [InlineData("registry.example/livestt/\u0430ppliance:stable", Repository)] // Cyrillic 'а'
    [InlineData("registry.example/livestt/appliance-:stable", Repository)]
    [InlineData("registry.example/live\0stt/appliance:stable", Repository)]
    [InlineData("registry.example/livestt/appliance:st\u00e4ble", Tag)]
    [InlineData("registry.example/livestt/appliance:-stable", Tag)]
    [InlineData("registry.example/livestt/appliance:", Tag)]
    [InlineData("registry.example/livestt/appliance:stable\0", Tag)]
    [InlineData("evil_host.example/livestt/appliance:stable", "the registry must be a host name or IPv4 address, with a port if it needs one.")]
    [InlineData("registry.example:port/livestt/appliance:stable", "the registry must be a host name or IPv4 address, with a port if it needs one.")]
    [InlineData("registry.example/livestt/appliance@sha256:XYZ", "the digest must be sha256:<64 lower-case hex digits>.")]
    [InlineData("registry.example/livestt/appliance@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", "the digest must be sha256:<64 lower-case hex digits>.")]
    [InlineData("registry.example/livestt/appliance\n:stable", "an image reference is required and may not contain spaces.")]
    [InlineData("", "an image reference is required and may not contain spaces.")]
    public void Anything_else_is_refused_with_what_the_part_must_be(string text, string error)
    {
        ImageReference.TryParse(text, out var reference, out var why).ShouldBeFalse();
        reference.ShouldBeNull();
        why.ShouldBe(error);
    }

    [Fact]
    public void A_name_over_255_characters_is_refused()
    {
        ImageReference.TryParse($"registry.example/{new string('a', 240)}:stable", out _, out var why).ShouldBeFalse();
        why.ShouldBe("the name is longer than 255 characters.");
        ImageReference.TryParse($"registry.example/{new string('a', 238)}:stable", out _, out _).ShouldBeTrue();
    }
}
