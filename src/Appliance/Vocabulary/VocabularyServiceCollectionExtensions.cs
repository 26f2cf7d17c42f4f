using LiveStt.Appliance.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveStt.Appliance.Vocabulary;

public static class VocabularyServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the "Vocabulary" section and registers <see cref="ISiteVocabulary"/>, whose store
    /// also runs as a hosted service that reads the file again when it changes.
    /// </summary>
    public static IServiceCollection AddSiteVocabulary(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<VocabularyOptions, VocabularyOptionsValidator>(configuration, VocabularyOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SiteVocabularyStore>();
        services.TryAddSingleton<ISiteVocabulary>(provider => provider.GetRequiredService<SiteVocabularyStore>());
        services.AddHostedService(provider => provider.GetRequiredService<SiteVocabularyStore>());
        services.TryAddSingleton<VocabularyEditor>();
        return services;
    }
}
