using Microsoft.Extensions.Options;

namespace LiveStt.Appliance.Hosting;

/// <summary>
/// One options type the appliance validates on start, recorded where it is registered so the start-up check can
/// build each on its own and report every section's errors at once (see <see cref="LiveStt.Hosting.StartupSettings"/>).
/// </summary>
internal sealed class StartupOptions(Type optionsType, Action<IServiceProvider> build)
{
    public Type OptionsType { get; } = optionsType;

    public static StartupOptions For<TOptions>()
        where TOptions : class =>
        new(typeof(TOptions), services => _ = services.GetRequiredService<IOptions<TOptions>>().Value);

    /// <summary>The builds of every registered options type, each once, in the order they were registered.</summary>
    public static IEnumerable<Action> BuildsIn(IServiceProvider services) =>
        services.GetServices<StartupOptions>().DistinctBy(options => options.OptionsType).Select(options => (Action)(() => options.Build(services)));

    public void Build(IServiceProvider services) => build(services);
}
