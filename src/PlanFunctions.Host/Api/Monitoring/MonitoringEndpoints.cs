using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PlanFunctions.Host.Security;
using PlanFunctions.Runtime.Client;
using PlanFunctions.Runtime.Entities;
using PlanFunctions.Core.Statistics;
using PlanFunctions.Client;

namespace PlanFunctions.Host.Api.Monitoring;

/// <summary><c>GET /api/statistics</c> and <c>GET /api/health</c>.</summary>
internal static class MonitoringEndpoints
{
    public static IEndpointRouteBuilder MapMonitoringEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/statistics", async (PlanFunctionsClient client, CancellationToken cancellationToken) => ApiResults.Json(await client.GetStatisticsAsync(cancellationToken)))
            .WithTags("Monitoring")
            .WithName("GetStatistics")
            .WithSummary("The ExecutionStatistics entity: runs active, started and ended by status, success rate, average duration, per tool counters.")
            .Produces<ExecutionStatistics>();

        // The probe answers without the key, as load balancers and orchestrators call it.
        endpoints.MapHealthChecks("/api/health", new HealthCheckOptions
        {
            ResponseWriter = WriteHealthAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        })
            .WithMetadata(new AllowWithoutKeyAttribute())
            .WithTags("Monitoring")
            .WithName("GetHealth")
            .WithSummary("200 when the engine and its storage answer, 503 otherwise. Needs no key.");
        return endpoints;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        var result = report.Status == HealthStatus.Unhealthy
            ? ApiResults.Error(
                context.Response.StatusCode,
                "The engine is not healthy.",
                [.. report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy)
                    .Select(e => new ApiErrorDetail { Path = e.Key, Message = e.Value.Description ?? e.Value.Status.ToString() })])
            : ApiResults.Json(new HealthAnswer(report.Status.ToString()), context.Response.StatusCode);
        return result.ExecuteAsync(context);
    }
}
