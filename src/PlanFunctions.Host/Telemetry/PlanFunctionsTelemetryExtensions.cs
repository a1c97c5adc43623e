using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PlanFunctions.Tools.Telemetry;

namespace PlanFunctions.Host.Telemetry;

/// <summary>Exports the engine's metrics, traces and logs to Application Insights when it is configured.</summary>
public static class PlanFunctionsTelemetryExtensions
{
    /// <summary>The setting that holds the Application Insights connection string, as in Azure Functions.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The meter Orleans records its own metrics in.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>OpenTelemetry's default interval between metric exports when <c>OTEL_METRIC_EXPORT_INTERVAL</c> is not set.</summary>
    private const int DefaultExportIntervalMilliseconds = 60_000;

    /// <summary>
    /// When <see cref="ConnectionStringSetting"/> is set: the <c>PlanFunctions</c> meter and <c>Microsoft.Orleans</c>
    /// meter, the <c>PlanFunctions</c> activity source and the HTTP API's requests, and the logs, all exported to
    /// Application Insights. Otherwise nothing is registered and nothing is exported.
    /// </summary>
    /// <remarks>
    /// The exporter reads its own settings from the <c>AzureMonitorExporter</c> section (<c>SamplingRatio</c>,
    /// <c>TracesPerSecond</c>, <c>DisableOfflineStorage</c>, <c>StorageDirectory</c>); metrics are exported every
    /// <c>OTEL_METRIC_EXPORT_INTERVAL</c> milliseconds (default 60 000).
    /// </remarks>
    public static IServiceCollection AddPlanFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration[ConnectionStringSetting]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(PlanFunctionsTelemetry.Name, serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing => tracing
                .AddSource(PlanFunctionsTelemetry.Name)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments("/api/health"))
                .AddAzureMonitorTraceExporter(NoLiveMetrics))
            .WithMetrics(metrics => metrics
                .AddMeter(PlanFunctionsTelemetry.Name, OrleansMeter)
                .AddReader(CreateMetricReader))
            .WithLogging(logging => logging.AddAzureMonitorLogExporter(NoLiveMetrics));
        return services;
    }

    // Live Metrics comes only with the exporter's all-signals registration, which fixes the metric export interval.
    private static void NoLiveMetrics(AzureMonitorExporterOptions options) => options.EnableLiveMetrics = false;

    /// <summary>
    /// The exporter's own metric registration exports every 60 s whatever is configured: this reader honours
    /// <c>OTEL_METRIC_EXPORT_INTERVAL</c>, with the delta temporality Application Insights expects.
    /// </summary>
    private static PeriodicExportingMetricReader CreateMetricReader(IServiceProvider services)
    {
        var exporterOptions = services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        var readerOptions = services.GetRequiredService<IOptionsMonitor<MetricReaderOptions>>().Get(Options.DefaultName);
        var interval = readerOptions.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds ?? DefaultExportIntervalMilliseconds;
        return new PeriodicExportingMetricReader(new AzureMonitorMetricExporter(exporterOptions), interval)
        {
            TemporalityPreference = MetricReaderTemporalityPreference.Delta,
        };
    }
}
