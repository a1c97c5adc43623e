using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PlanFunctions.Functions.Telemetry;

/// <summary>Application Insights for the worker, as Azure Functions' isolated model has it.</summary>
public static class PlanFunctionsApplicationInsightsExtensions
{
    /// <summary>The setting that holds the Application Insights connection string, as in Azure Functions.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// When <see cref="ConnectionStringSetting"/> is set: the worker's logs, dependencies, the <c>PlanFunctions</c>
    /// meter's metrics and the <c>PlanFunctions</c> spans (a run and its step attempts, one operation) go to Application
    /// Insights (the Functions host sends the requests and the function executions
    /// itself). Otherwise nothing is registered and nothing is sent.
    /// </summary>
    public static IServiceCollection AddPlanFunctionsApplicationInsights(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        services.AddApplicationInsightsTelemetryWorkerService(options => options.ConnectionString = connectionString);
        services.ConfigureFunctionsApplicationInsights();
        services.AddHostedService<PlanFunctionsMetricsForwarder>();
        services.AddHostedService<PlanFunctionsTraceForwarder>();

        // The Application Insights logger keeps only warnings unless told otherwise: let host.json's levels decide.
        services.Configure<LoggerFilterOptions>(filters =>
        {
            var rule = filters.Rules.FirstOrDefault(r =>
                r.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
            if (rule is not null)
            {
                filters.Rules.Remove(rule);
            }
        });
        return services;
    }
}
