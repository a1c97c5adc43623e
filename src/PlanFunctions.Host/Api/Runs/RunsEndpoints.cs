using Microsoft.Extensions.Options;
using PlanFunctions.Host.Configuration;
using PlanFunctions.Runtime.Client;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Core.Control;
using PlanFunctions.Client;
using PlanFunctions.Core.Diagnostics;

namespace PlanFunctions.Host.Api.Runs;

/// <summary>
/// <c>POST /api/plans[/{instanceId}]</c> and Durable Functions' own start route,
/// <c>POST /runtime/webhooks/durabletask/orchestrators/RunPlan[/{instanceId}]</c>: validate a plan and start a run of it.
/// Both answer alike.
/// </summary>
internal static partial class RunsEndpoints
{
    public static IEndpointRouteBuilder MapRunsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/plans").WithTags("Runs");
        Describe(group.MapPost("/", (HttpContext context, PlanFunctionsClient client, ManagementUrls urls, IOptions<HttpApiOptions> options, ILoggerFactory logs) =>
                StartAsync(context, null, client, urls, options.Value, logs))
            .WithName("StartPlan")
            .WithSummary("Starts a run of the plan in the body under a new instance id."));
        Describe(group.MapPost("/{instanceId}", (HttpContext context, string instanceId, PlanFunctionsClient client, ManagementUrls urls, IOptions<HttpApiOptions> options, ILoggerFactory logs) =>
                StartAsync(context, instanceId, client, urls, options.Value, logs))
            .WithName("StartPlanWithInstanceId")
            .WithSummary("Starts a run of the plan in the body under the chosen instance id."));

        var orchestrators = endpoints.MapGroup(ManagementUrls.OrchestratorsPath).WithTags("Runs");
        Describe(orchestrators.MapPost("/{functionName}", (HttpContext context, string functionName, PlanFunctionsClient client, ManagementUrls urls, IOptions<HttpApiOptions> options, ILoggerFactory logs) =>
                StartOrchestratorAsync(context, functionName, null, client, urls, options.Value, logs))
            .WithName("StartOrchestrator")
            .WithSummary($"Durable Functions' start route: as POST /api/plans, for the orchestrator {PlanFunctionsClient.OrchestratorName}; any other name is 404.")
            .Produces<ApiError>(StatusCodes.Status404NotFound));
        Describe(orchestrators.MapPost("/{functionName}/{instanceId}", (HttpContext context, string functionName, string instanceId, PlanFunctionsClient client, ManagementUrls urls, IOptions<HttpApiOptions> options, ILoggerFactory logs) =>
                StartOrchestratorAsync(context, functionName, instanceId, client, urls, options.Value, logs))
            .WithName("StartOrchestratorWithInstanceId")
            .WithSummary($"Durable Functions' start route with a chosen instance id: as POST /api/plans/{{instanceId}}, for the orchestrator {PlanFunctionsClient.OrchestratorName}.")
            .Produces<ApiError>(StatusCodes.Status404NotFound));
        return endpoints;
    }

    private static void Describe(RouteHandlerBuilder builder) => builder
        .WithMetadata(new JsonBodyAttribute("The plan (plan-format.md)."))
        .Produces<CheckStatusResponse>(StatusCodes.Status202Accepted)
        .Produces<ApiError>(StatusCodes.Status400BadRequest)
        .Produces<ApiError>(StatusCodes.Status409Conflict)
        .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge);

    private static Task<IResult> StartOrchestratorAsync(
        HttpContext context,
        string functionName,
        string? instanceId,
        PlanFunctionsClient client,
        ManagementUrls urls,
        HttpApiOptions options,
        ILoggerFactory logs) =>
        // Function names are case-insensitive in Azure Functions.
        string.Equals(functionName, PlanFunctionsClient.OrchestratorName, StringComparison.OrdinalIgnoreCase)
            ? StartAsync(context, instanceId, client, urls, options, logs)
            : Task.FromResult(ApiResults.Error(
                StatusCodes.Status404NotFound,
                $"There is no orchestrator function '{functionName}': plans run under the orchestrator '{PlanFunctionsClient.OrchestratorName}'."));

    private static async Task<IResult> StartAsync(
        HttpContext context,
        string? instanceId,
        PlanFunctionsClient client,
        ManagementUrls urls,
        HttpApiOptions options,
        ILoggerFactory logs)
    {
        var logger = logs.CreateLogger(typeof(RunsEndpoints));
        if (instanceId is not null && InstanceIds.Problem(instanceId) is { } idProblem)
        {
            return ApiResults.Json(ApiError.InstanceIdRejected(idProblem), StatusCodes.Status400BadRequest);
        }

        var body = await RequestBody.ReadAsync(context.Request, options.MaxRequestBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return RequestBody.TooLarge(options.MaxRequestBodyBytes);
        }

        if (body.Length == 0)
        {
            return ApiResults.Json(ApiError.EmptyPlan(), StatusCodes.Status400BadRequest);
        }

        var read = client.Validate(body);
        if (!read.Succeeded)
        {
            LogRejected(logger, read.Problems.Count);
            return ApiResults.Json(ApiError.PlanRejected(read.Problems), StatusCodes.Status400BadRequest);
        }

        var id = instanceId ?? PlanFunctionsClient.NewInstanceId();
        if (await client.StartAsync(id, read.Plan!, context.RequestAborted) == StartRunResult.Conflict)
        {
            return ApiResults.Json(ApiError.RunNotEnded(id), StatusCodes.Status409Conflict);
        }

        LogStarted(logger, id, read.Plan!.Name);
        var payload = urls.CheckStatus(context.Request, id);
        context.Response.Headers.Location = payload.StatusQueryGetUri;
        context.Response.Headers.RetryAfter = options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiResults.Json(payload, StatusCodes.Status202Accepted);
    }

    [LoggerMessage(EventId = LogEventIds.Host.RunStarted, Level = LogLevel.Information, Message = "Started run {InstanceId} of plan '{PlanName}'")]
    private static partial void LogStarted(ILogger logger, string instanceId, string planName);

    [LoggerMessage(EventId = LogEventIds.Host.PlanRejected, Level = LogLevel.Information, Message = "Refused a plan with {ProblemCount} problems")]
    private static partial void LogRejected(ILogger logger, int problemCount);
}
