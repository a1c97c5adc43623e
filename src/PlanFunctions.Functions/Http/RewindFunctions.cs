using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using PlanFunctions.Client.Api;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Status;
using PlanFunctions.Functions.Hosting;

namespace PlanFunctions.Functions.Http;

/// <summary>
/// <c>POST /api/plans/{instanceId}/rewind?reason=</c>: rewinds a <c>Failed</c> run with PlanFunctions' rewind (the
/// Functions host's own webhook rewind is Durable Task's, which does not take back a plan run: docs/semantics.md),
/// answering with the self-hosted service's codes: 202, 404, 412 for a run that is not <c>Failed</c>.
/// </summary>
public sealed class RewindFunctions(IPlanFunctionsClientFactory clients)
{
    /// <summary>Rewinds the run.</summary>
    [Function("RewindPlan")]
    public async Task<HttpResponseData> RewindAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/plans/{instanceId}/rewind")] HttpRequestData request,
        [DurableClient] DurableTaskClient durableClient,
        string instanceId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durableClient);
        var client = clients.Create(durableClient);
        switch (await client.RewindAsync(instanceId, request.Query["reason"], cancellationToken))
        {
            case ControlResult.Accepted:
                return request.CreateResponse(HttpStatusCode.Accepted);
            case ControlResult.NotFound:
                return await HttpAnswers.ErrorAsync(request, HttpStatusCode.NotFound, new ApiError($"No run has the instance id '{instanceId}'.", []), cancellationToken);
            default:
                var status = await client.GetStatusAsync(instanceId, new StatusQuery(ShowInput: false), cancellationToken);
                return await HttpAnswers.ErrorAsync(
                    request,
                    HttpStatusCode.PreconditionFailed,
                    new ApiError($"The run '{instanceId}' is {status?.RuntimeStatus.ToString() ?? "gone"}; only a Failed run can be rewound.", []),
                    cancellationToken);
        }
    }
}
