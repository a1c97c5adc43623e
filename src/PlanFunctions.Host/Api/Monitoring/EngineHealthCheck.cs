using Microsoft.Extensions.Diagnostics.HealthChecks;
using PlanFunctions.Client;

namespace PlanFunctions.Host.Api.Monitoring;

/// <summary>Healthy when the engine's client says the engine and its storage answer (<see cref="PlanFunctionsClient.CheckHealthAsync"/>).</summary>
internal sealed class EngineHealthCheck(PlanFunctionsClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = await client.CheckHealthAsync(cancellationToken);
        return health.IsHealthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(health.Problem);
    }
}
