using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PlanFunctions.Core.Tools;
using PlanFunctions.Tools.Abstractions;
using PlanFunctions.Tools.BuiltIn;
using PlanFunctions.Tools.Http;
using PlanFunctions.Tools.Registry;

// In the namespace of IServiceCollection, as is usual for AddXxx methods, so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the PlanFunctions tools.</summary>
public static class PlanFunctionsToolsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the built-in tools (<c>echo</c>, <c>delay</c>, <c>fail</c>, <c>http</c>), the
    /// <see cref="ToolRegistry"/> (also as <see cref="IToolCatalog"/>), <see cref="TimeProvider.System"/> unless a
    /// <see cref="TimeProvider"/> is registered already, the <c>http</c> tool's <see cref="HttpClient"/> and
    /// <see cref="IHttpHostResolver"/> (the system's DNS unless one is registered already), and
    /// <see cref="HttpToolOptions"/> bound from the <see cref="HttpToolOptions.SectionName"/> configuration section
    /// and validated at start-up. Calling it again does nothing.
    /// </summary>
    public static IServiceCollection AddPlanFunctionsTools(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(ToolRegistry)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<HttpToolOptions>()
            .Configure<IServiceProvider>((options, provider) =>
                provider.GetService<IConfiguration>()?.GetSection(HttpToolOptions.SectionName).Bind(options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpToolOptions>, HttpToolOptionsValidator>());
        services.TryAddSingleton<IHttpHostResolver, DnsHostResolver>();

        services.AddHttpClient(HttpTool.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => HttpToolHandler.Create(
                new HttpNetworkRules(provider.GetRequiredService<IOptions<HttpToolOptions>>().Value),
                provider.GetRequiredService<IHttpHostResolver>()))
            // The factory's own loggers write full URLs, query strings included; HttpTool logs without them.
            .RemoveAllLoggers();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPlanTool, EchoTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPlanTool, DelayTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPlanTool, FailTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPlanTool, HttpTool>());

        services.AddSingleton<ToolRegistry>();
        services.TryAddSingleton<IToolCatalog>(provider => provider.GetRequiredService<ToolRegistry>());
        return services;
    }

    /// <summary>
    /// Registers a tool of your own, as a singleton shared by every run (so it must be thread-safe). Its
    /// <see cref="IPlanTool.Name"/> must differ from every other tool's; a clash fails when the
    /// <see cref="ToolRegistry"/> is built, at start-up.
    /// </summary>
    /// <example>
    /// <code>
    /// public sealed class ShoutTool : IPlanTool
    /// {
    ///     public string Name => "shout";
    ///
    ///     public IEnumerable&lt;(string Property, string Message)&gt; CheckParameters(JsonElement parameters) =&gt;
    ///         parameters.TryGetProperty("text", out _) ? [] : [("text", "is required")];
    ///
    ///     public Task&lt;ToolResult&gt; ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken) =&gt;
    ///         Task.FromResult(ToolResult.Success(JsonSerializer.SerializeToElement(
    ///             invocation.Parameters.GetProperty("text").GetString()!.ToUpperInvariant())));
    /// }
    ///
    /// services.AddPlanFunctionsTools().AddPlanFunctionsTool&lt;ShoutTool&gt;();
    /// </code>
    /// </example>
    public static IServiceCollection AddPlanFunctionsTool<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TTool>(
        this IServiceCollection services)
        where TTool : class, IPlanTool
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPlanTool, TTool>());
        return services;
    }
}
