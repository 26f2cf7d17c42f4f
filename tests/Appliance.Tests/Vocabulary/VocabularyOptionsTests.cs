using LiveStt.Appliance.Vocabulary;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Tests.Vocabulary;

public sealed class VocabularyOptionsTests
{
    private readonly VocabularyOptionsValidator validator = new();

    [Fact]
    public void Defaults_are_valid()
    {
        var options = new VocabularyOptions();

        validator.Validate(null, options).Succeeded.ShouldBeTrue();
        options.Path.ShouldBe("/data/settings/vocabulary.json");
        options.GlossaryMaxTokens.ShouldBe(64);
        options.RuleTimeoutMs.ShouldBe(50);
        options.ReloadIntervalMs.ShouldBe(2000);
    }

    [Fact]
    public void An_empty_path_is_valid()
    {
        validator.Validate(null, new VocabularyOptions { Path = string.Empty }).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = validator.Validate(null, new VocabularyOptions
        {
            Path = "settings/vocabulary.json",
            GlossaryMaxTokens = 161,
            RuleTimeoutMs = 0,
            ReloadIntervalMs = 99,
        });

        result.Failures.ShouldNotBeNull().ShouldBe([
            "Vocabulary:Path must be an absolute path; it is 'settings/vocabulary.json'.",
            "Vocabulary:GlossaryMaxTokens must be between 0 and 160; it is 161.",
            "Vocabulary:RuleTimeoutMs must be between 1 and 1000; it is 0.",
            "Vocabulary:ReloadIntervalMs must be between 100 and 600000; it is 99.",
        ]);
    }

    [Fact]
    public void The_store_is_the_vocabulary_and_a_hosted_service()
    {
        using var provider = Build(new Dictionary<string, string?> { ["Vocabulary:Path"] = "/nonexistent/vocabulary.json" });

        var vocabulary = provider.GetRequiredService<ISiteVocabulary>();

        vocabulary.ShouldBeOfType<SiteVocabularyStore>();
        provider.GetServices<IHostedService>().ShouldContain(service => ReferenceEquals(service, vocabulary));
        vocabulary.Status.Path.ShouldBe("/nonexistent/vocabulary.json");
    }

    [Fact]
    public void Invalid_settings_fail_with_every_error_listed()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Vocabulary:GlossaryMaxTokens"] = "-1",
            ["Vocabulary:RuleTimeoutMs"] = "5000",
        });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<VocabularyOptions>>().Value);

        error.Failures.Count().ShouldBe(2);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSiteVocabulary(configuration);
        return services.BuildServiceProvider();
    }
}
