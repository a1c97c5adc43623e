using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PlanFunctions.Core.Execution;
using PlanFunctions.Host.Configuration;
using PlanFunctions.Runtime.Client;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Core.Status;
using PlanFunctions.Core.Control;
using PlanFunctions.Client;

namespace PlanFunctions.Host.Api.Instances;

/// <summary>
/// Durable Functions' instance management API under <c>/runtime/webhooks/durabletask/instances</c>: status, events,
/// terminate, suspend, resume, rewind, purge and the listing.
/// </summary>
internal static class InstancesEndpoints
{
    /// <summary>The request and response header that carries the listing's continuation token.</summary>
    public const string ContinuationHeader = "x-ms-continuation-token";

    public static IEndpointRouteBuilder MapInstancesEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(ManagementUrls.InstancesPath).WithTags("Instances");

        group.MapGet("/", ListAsync)
            .WithName("ListInstances")
            .WithSummary("Lists runs, filtered by runtimeStatus, createdTimeFrom, createdTimeTo and instanceIdPrefix, top at a time; paged by the x-ms-continuation-token header.")
            .Produces<IReadOnlyList<OrchestrationStatus>>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest);

        group.MapGet("/{instanceId}", GetStatusAsync)
            .WithName("GetInstanceStatus")
            .WithSummary("A run's status: 202 while it goes on, 200 once it has ended.")
            .Produces<OrchestrationStatus>()
            .Produces<OrchestrationStatus>(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        group.MapPost("/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync)
            .WithName("RaiseEvent")
            .WithSummary("Raises an event: cancel, extendTimeout { seconds }, or one that waitForEvent steps wait for.")
            .WithMetadata(new JsonBodyAttribute("Any JSON: the event's payload; { \"seconds\": n } for extendTimeout."))
            .Produces(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status410Gone)
            .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge);

        Control(group.MapPost("/{instanceId}/terminate", (string instanceId, string? reason, PlanFunctionsClient client, CancellationToken cancellationToken) =>
                ControlAsync(instanceId, "terminated", () => client.TerminateAsync(instanceId, reason, cancellationToken)))
            .WithName("TerminateInstance")
            .WithSummary("Stops the run at once: it ends Terminated."));
        Control(group.MapPost("/{instanceId}/suspend", (string instanceId, string? reason, PlanFunctionsClient client, CancellationToken cancellationToken) =>
                ControlAsync(instanceId, "suspended", () => client.SuspendAsync(instanceId, reason, cancellationToken)))
            .WithName("SuspendInstance")
            .WithSummary("No new step starts until the run is resumed; running ones finish."));
        Control(group.MapPost("/{instanceId}/resume", (string instanceId, string? reason, PlanFunctionsClient client, CancellationToken cancellationToken) =>
                ControlAsync(instanceId, "resumed", () => client.ResumeAsync(instanceId, reason, cancellationToken)))
            .WithName("ResumeInstance")
            .WithSummary("Resumes a suspended run."));

        group.MapPost("/{instanceId}/rewind", RewindAsync)
            .WithName("RewindInstance")
            .WithSummary("Takes a Failed run back to Running: its failed steps, and those skipped or cancelled because of them, run again with new attempts; succeeded steps keep their outputs.")
            .Produces(StatusCodes.Status202Accepted)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status412PreconditionFailed)
            .Produces<ApiError>(StatusCodes.Status501NotImplemented);

        group.MapDelete("/{instanceId}", PurgeAsync)
            .WithName("PurgeInstanceHistory")
            .WithSummary("Purges an ended run's state and history.")
            .Produces<PurgeResult>()
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status409Conflict);

        return endpoints;
    }

    private static void Control(RouteHandlerBuilder builder) => builder
        .Produces(StatusCodes.Status202Accepted)
        .Produces<ApiError>(StatusCodes.Status404NotFound)
        .Produces<ApiError>(StatusCodes.Status410Gone);

    private static async Task<IResult> GetStatusAsync(
        HttpContext context,
        string instanceId,
        PlanFunctionsClient client,
        ManagementUrls urls,
        IOptions<HttpApiOptions> options)
    {
        var query = new QueryValues(context.Request.Query);
        var statusQuery = new StatusQuery(
            ShowHistory: query.Boolean("showHistory", false),
            ShowHistoryOutput: query.Boolean("showHistoryOutput", false),
            ShowInput: query.Boolean("showInput", true));
        var failureIs500 = query.Boolean("returnInternalServerErrorOnFailure", false);
        if (query.Problems.Count > 0)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "The query is not valid.", query.Problems);
        }

        var status = await client.GetStatusAsync(instanceId, statusQuery, context.RequestAborted);
        if (status is null)
        {
            return NotFound(instanceId);
        }

        switch (status.RuntimeStatus)
        {
            case RuntimeStatus.Pending or RuntimeStatus.Running or RuntimeStatus.Suspended:
                context.Response.Headers.Location = urls.Self(context.Request);
                context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return ApiResults.Json(status, StatusCodes.Status202Accepted);
            case RuntimeStatus.Failed when failureIs500:
                return ApiResults.Json(status, StatusCodes.Status500InternalServerError);
            default:
                return ApiResults.Json(status);
        }
    }

    private static async Task<IResult> RaiseEventAsync(
        HttpContext context,
        string instanceId,
        string eventName,
        PlanFunctionsClient client,
        IOptions<HttpApiOptions> options)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        var body = await RequestBody.ReadAsync(context.Request, limit, context.RequestAborted);
        if (body is null)
        {
            return RequestBody.TooLarge(limit);
        }

        var (payload, problem) = ReadPayload(context.Request, body);
        if (problem is not null)
        {
            // As Durable Functions: an unknown or ended run is told so before the body is judged.
            var status = await client.GetStatusAsync(instanceId, new StatusQuery(ShowInput: false), context.RequestAborted);
            return status switch
            {
                null => NotFound(instanceId),
                { RuntimeStatus: not (RuntimeStatus.Pending or RuntimeStatus.Running or RuntimeStatus.Suspended) } => Gone(instanceId),
                _ => ApiResults.Error(StatusCodes.Status400BadRequest, "The event's body must be JSON.", [problem]),
            };
        }

        return await client.RaiseEventAsync(instanceId, eventName, payload, context.RequestAborted) switch
        {
            ControlResult.Accepted => Results.StatusCode(StatusCodes.Status202Accepted),
            ControlResult.NotFound => NotFound(instanceId),
            ControlResult.AlreadyEnded => Gone(instanceId),
            ControlResult.Invalid => ApiResults.Detail(
                StatusCodes.Status400BadRequest,
                $"The '{eventName}' event needs a body {{ \"seconds\": n }} with n a number above 0.",
                "$.seconds",
                "seconds",
                "must be a number above 0"),
            var other => ApiResults.Error(StatusCodes.Status409Conflict, $"The event was not accepted ({other})."),
        };
    }

    private static (JsonElement? Payload, ApiErrorDetail? Problem) ReadPayload(HttpRequest request, byte[] body)
    {
        if (body.Length == 0)
        {
            return (null, null);
        }

        var mediaType = request.ContentType is { } contentType && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            ? parsed.MediaType.Value
            : null;
        if (request.ContentType is not null
            && !string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            && mediaType?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, new ApiErrorDetail { Path = "$", Message = $"the content type must be application/json, not '{request.ContentType}'" });
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException exception)
        {
            return (null, new ApiErrorDetail
            {
                Path = exception.Path ?? "$",
                Message = "the body is not valid JSON",
                Line = exception.LineNumber + 1,
                Position = exception.BytePositionInLine,
            });
        }
    }

    private static async Task<IResult> ControlAsync(string instanceId, string done, Func<Task<ControlResult>> operation) =>
        await operation() switch
        {
            ControlResult.Accepted => Results.StatusCode(StatusCodes.Status202Accepted),
            ControlResult.NotFound => NotFound(instanceId),
            ControlResult.AlreadyEnded => Gone(instanceId),
            var other => ApiResults.Error(StatusCodes.Status409Conflict, $"The run '{instanceId}' could not be {done} ({other})."),
        };

    /// <summary>
    /// Rewind with Durable Functions' codes, which its clients act on: 202, 404, 412 for a run that is not Failed, 501
    /// for an engine that cannot rewind.
    /// </summary>
    private static async Task<IResult> RewindAsync(string instanceId, string? reason, PlanFunctionsClient client, CancellationToken cancellationToken)
    {
        ControlResult result;
        try
        {
            result = await client.RewindAsync(instanceId, reason, cancellationToken);
        }
        catch (NotSupportedException)
        {
            return ApiResults.Error(StatusCodes.Status501NotImplemented, "This engine cannot rewind a run.");
        }

        switch (result)
        {
            case ControlResult.Accepted:
                return Results.StatusCode(StatusCodes.Status202Accepted);
            case ControlResult.NotFound:
                return NotFound(instanceId);
            default:
                var status = await client.GetStatusAsync(instanceId, new StatusQuery(ShowInput: false), cancellationToken);
                return status is null
                    ? NotFound(instanceId)
                    : ApiResults.Error(StatusCodes.Status412PreconditionFailed, $"The run '{instanceId}' is {status.RuntimeStatus}; only a Failed run can be rewound.");
        }
    }

    private static async Task<IResult> PurgeAsync(string instanceId, PlanFunctionsClient client, CancellationToken cancellationToken) =>
        await client.PurgeAsync(instanceId, cancellationToken) switch
        {
            ControlResult.Accepted => ApiResults.Json(new PurgeResult(1)),
            ControlResult.NotFound => NotFound(instanceId),
            ControlResult.Conflict => ApiResults.Error(StatusCodes.Status409Conflict, $"The run '{instanceId}' has not ended; only ended runs can be purged (terminate it first)."),
            var other => ApiResults.Error(StatusCodes.Status409Conflict, $"The run '{instanceId}' could not be purged ({other})."),
        };

    private static async Task<IResult> ListAsync(HttpContext context, PlanFunctionsClient client)
    {
        var query = new QueryValues(context.Request.Query);
        var filter = query.InstanceQuery(context.Request.Headers[ContinuationHeader].ToString());
        var showInput = query.Boolean("showInput", true);
        if (query.Problems.Count > 0)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "The query is not valid.", query.Problems);
        }

        Client.InstancePage page;
        try
        {
            page = await client.ListAsync(filter, context.RequestAborted);
        }
        catch (Exception exception) when (filter.ContinuationToken is not null && exception is FormatException or ArgumentException)
        {
            return ApiResults.Detail(StatusCodes.Status400BadRequest, "The continuation token is not one this service handed out.", ContinuationHeader, ContinuationHeader, "not a continuation token");
        }

        // Durable Functions lists full status documents: read each run's from its orchestrator, in parallel.
        var statuses = await Task.WhenAll(page.Instances.Select(record => client.GetStatusAsync(record.InstanceId, new StatusQuery(ShowInput: showInput), context.RequestAborted)));
        if (page.ContinuationToken is { Length: > 0 } next)
        {
            context.Response.Headers[ContinuationHeader] = next;
        }

        return ApiResults.Json(statuses.OfType<OrchestrationStatus>().ToList());
    }

    private static IResult NotFound(string instanceId) =>
        ApiResults.Error(StatusCodes.Status404NotFound, $"No run has the instance id '{instanceId}'.");

    private static IResult Gone(string instanceId) =>
        ApiResults.Error(StatusCodes.Status410Gone, $"The run '{instanceId}' has already ended.");
}
