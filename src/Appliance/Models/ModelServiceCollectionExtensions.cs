using LiveStt.Appliance.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveStt.Appliance.Models;

public static class ModelServiceCollectionExtensions
{
    /// <summary>Binds and validates the "Models" section and registers the <see cref="IModelProvider"/>.</summary>
    public static IServiceCollection AddModels(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<ModelOptions, ModelOptionsValidator>(configuration, ModelOptions.SectionName);
        // A factory, not the type: the container would pick the constructor taking entries and pass none.
        services.TryAddSingleton<IModelCatalog>(_ => new ModelCatalog());
        services.TryAddSingleton(TimeProvider.System);
        // Downloads are bounded by Models:DownloadTimeout and Models:StallTimeout, not by HttpClient's 100 s default.
        services.AddHttpClient(ModelProvider.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<IModelProvider, ModelProvider>();
        return services;
    }
}
