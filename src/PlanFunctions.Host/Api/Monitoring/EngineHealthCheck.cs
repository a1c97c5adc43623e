using Microsoft.Extensions.Diagnostics.HealthChecks;
using PlanFunctions.Runtime.Client;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Client;

namespace PlanFunctions.Host.Api.Monitoring;

/// <summary>Healthy when the engine's grains answer (the statistics entity) and its storage answers (the instance index).</summary>
internal sealed class EngineHealthCheck(PlanFunctionsClient client) : IHealthCheck
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.GetStatisticsAsync().WaitAsync(Limit, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the engine did not answer: {exception.GetType().Name}");
        }

        try
        {
            await client.ListAsync(new InstanceQuery { Top = 1 }, cancellationToken).WaitAsync(Limit, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the storage did not answer: {exception.GetType().Name}");
        }

        return HealthCheckResult.Healthy();
    }
}
