using LiveStt.Appliance.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Tests.Models;

public sealed class ModelOptionsValidatorTests
{
    private readonly ModelOptionsValidator _validator = new(new ModelCatalog());

    [Fact]
    public void The_defaults_are_valid()
    {
        _validator.Validate(null, new ModelOptions()).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void An_unknown_name_lists_the_known_names()
    {
        var result = _validator.Validate(null, new ModelOptions { Name = "huge.en" });

        result.Failed.ShouldBeTrue();
        var failure = result.Failures.ShouldHaveSingleItem();
        failure.ShouldContain("Models:Name 'huge.en' is not a known model");
        failure.ShouldContain("tiny.en, tiny.en-q5_1, tiny.en-q8_0, base.en");
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var result = _validator.Validate(null, new ModelOptions
        {
            Name = "",
            CacheDirectory = " ",
            DownloadBaseUrl = "ftp://example.invalid/models",
            DemoFallbackPath = "",
            DownloadTimeout = TimeSpan.Zero,
            StallTimeout = TimeSpan.FromSeconds(-1),
        });

        var failures = result.Failures.ShouldNotBeNull().ToList();
        failures.Count.ShouldBe(6);
        failures.ShouldContain(f => f.StartsWith("Models:Name is empty", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Models:CacheDirectory", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Models:DownloadBaseUrl 'ftp://example.invalid/models'", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Models:DemoFallbackPath", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Models:DownloadTimeout", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Models:StallTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void An_explicit_path_does_not_need_a_known_name_or_a_download_location()
    {
        var result = _validator.Validate(null, new ModelOptions { Path = "/models/custom.bin", Name = "whatever", DownloadBaseUrl = "" });

        result.Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void The_registered_defaults_name_a_published_model_and_pass_validation()
    {
        using var services = new ServiceCollection().AddLogging().AddModels(new ConfigurationBuilder().Build()).BuildServiceProvider();

        services.GetRequiredService<IModelCatalog>().Find("base.en").ShouldNotBeNull();
        var options = services.GetRequiredService<IOptions<ModelOptions>>().Value;
        options.Name.ShouldBe("base.en");
        options.CacheDirectory.ShouldBe("/data/models");
        options.DownloadBaseUrl.ShouldBe("https://huggingface.co/ggerganov/whisper.cpp/resolve/main");
        services.GetRequiredService<IModelProvider>().Current.ShouldBeNull();
    }

    [Fact]
    public void Invalid_settings_stop_the_options_from_being_used()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Models:Name"] = "nope", ["Models:DownloadTimeout"] = "00:00:00" })
            .Build();
        using var services = new ServiceCollection().AddLogging().AddModels(configuration).BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<ModelOptions>>().Value);

        error.Failures.Count().ShouldBe(2);
    }
}
