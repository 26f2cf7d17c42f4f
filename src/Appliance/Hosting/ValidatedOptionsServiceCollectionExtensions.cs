using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Hosting;

public static class ValidatedOptionsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to a configuration section and checks it with
    /// <typeparamref name="TValidator"/> when the host starts, so a bad setting stops start-up with every error listed;
    /// Program checks them all before that, so the errors of every section come in one message.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(
        this IServiceCollection services, IConfiguration configuration, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(sectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        services.AddSingleton(StartupOptions.For<TOptions>());
        return services;
    }
}
