using System.Globalization;
using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using PlanFunctions.Core.Diagnostics;
using Microsoft.Extensions.Options;
using PlanFunctions.Client;
using PlanFunctions.Client.Api;
using PlanFunctions.Core.Control;
using PlanFunctions.Functions.Hosting;

namespace PlanFunctions.Functions.Http;

/// <summary>
/// <c>POST /api/plans</c> and <c>POST /api/plans/{instanceId}</c>: validate a plan and start a run of it, answering as
/// the self-hosted service does (400 with every problem, 409, 413) and with Durable Functions' check-status response.
/// </summary>
public sealed partial class PlanStarterFunctions(
    IPlanFunctionsClientFactory clients,
    IOptions<HttpApiOptions> options,
    ILogger<PlanStarterFunctions> logger)
{
    /// <summary>Starts a run of the plan in the body under a new instance id.</summary>
    [Function("StartPlan")]
    public Task<HttpResponseData> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/plans")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        StartAsync(request, client, null, cancellationToken);

    /// <summary>Starts a run of the plan in the body under the chosen instance id.</summary>
    [Function("StartPlanWithInstanceId")]
    public Task<HttpResponseData> StartWithInstanceIdAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/plans/{instanceId}")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        string instanceId,
        CancellationToken cancellationToken) =>
        StartAsync(request, client, instanceId, cancellationToken);

    private async Task<HttpResponseData> StartAsync(HttpRequestData request, DurableTaskClient durableClient, string? instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(durableClient);
        if (instanceId is not null && InstanceIds.Problem(instanceId) is { } idProblem)
        {
            return await HttpAnswers.ErrorAsync(request, HttpStatusCode.BadRequest, ApiError.InstanceIdRejected(idProblem), cancellationToken);
        }

        var limit = options.Value.MaxRequestBodyBytes;
        var body = await LimitedBody.ReadAsync(request.Body, HttpAnswers.ContentLength(request), limit, cancellationToken);
        if (body is null)
        {
            return await HttpAnswers.ErrorAsync(request, HttpStatusCode.RequestEntityTooLarge, ApiError.BodyTooLarge(limit), cancellationToken);
        }

        if (body.Length == 0)
        {
            return await HttpAnswers.ErrorAsync(request, HttpStatusCode.BadRequest, ApiError.EmptyPlan(), cancellationToken);
        }

        var client = clients.Create(durableClient);
        var read = client.Validate(body);
        if (!read.Succeeded)
        {
            LogRejected(logger, read.Problems.Count);
            return await HttpAnswers.ErrorAsync(request, HttpStatusCode.BadRequest, ApiError.PlanRejected(read.Problems), cancellationToken);
        }

        var id = instanceId ?? PlanFunctionsClient.NewInstanceId();
        if (await client.StartAsync(id, read.Plan!) == StartRunResult.Conflict)
        {
            return await HttpAnswers.ErrorAsync(request, HttpStatusCode.Conflict, ApiError.RunNotEnded(id), cancellationToken);
        }

        LogStarted(logger, id, read.Plan!.Name);
        var response = await durableClient.CreateCheckStatusResponseAsync(request, id, cancellationToken);
        response.Headers.Add("Retry-After", options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
        return response;
    }

    [LoggerMessage(EventId = LogEventIds.Functions.RunStarted, Level = LogLevel.Information, Message = "Started run {InstanceId} of plan '{PlanName}'")]
    private static partial void LogStarted(ILogger logger, string instanceId, string planName);

    [LoggerMessage(EventId = LogEventIds.Functions.PlanRejected, Level = LogLevel.Information, Message = "Refused a plan with {ProblemCount} problems")]
    private static partial void LogRejected(ILogger logger, int problemCount);
}
