using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using PlanFunctions.Client;
using PlanFunctions.Client.Api;
using PlanFunctions.Functions.Hosting;

namespace PlanFunctions.Functions.Http;

/// <summary><c>GET /api/statistics</c> and <c>GET /api/health</c>.</summary>
public sealed class MonitoringFunctions(IPlanFunctionsClientFactory clients)
{
    private static readonly TimeSpan ProbeLimit = TimeSpan.FromSeconds(5);

    /// <summary>The ExecutionStatistics entity's counters over every run.</summary>
    [Function("GetStatistics")]
    public async Task<HttpResponseData> GetStatisticsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/statistics")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var statistics = await clients.Create(client).GetStatisticsAsync(cancellationToken);
        return await HttpAnswers.JsonAsync(request, HttpStatusCode.OK, statistics, cancellationToken);
    }

    /// <summary>200 when the engine (the statistics entity) and its storage (the instance list) answer, 503 otherwise. Needs no key.</summary>
    [Function("GetHealth")]
    public async Task<HttpResponseData> GetHealthAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var planClient = clients.Create(client);
        var problem = await ProbeAsync("engine", () => planClient.GetStatisticsAsync(cancellationToken), cancellationToken)
            ?? await ProbeAsync("storage", () => planClient.ListAsync(new InstanceQuery { Top = 1 }, cancellationToken), cancellationToken);
        return problem is null
            ? await HttpAnswers.JsonAsync(request, HttpStatusCode.OK, new HealthAnswer("Healthy"), cancellationToken)
            : await HttpAnswers.ErrorAsync(request, HttpStatusCode.ServiceUnavailable, problem, cancellationToken);
    }

    private static async Task<ApiError?> ProbeAsync(string part, Func<Task> probe, CancellationToken cancellationToken)
    {
        try
        {
            await probe().WaitAsync(ProbeLimit, cancellationToken);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ApiError.WithDetail("The engine is not healthy.", part, null, $"the {part} did not answer: {exception.GetType().Name}");
        }
    }
}
