using PlanFunctions.Client;
using PlanFunctions.Client.Entities;
using PlanFunctions.Host.Api.Instances;

namespace PlanFunctions.Host.Api.Entities;

/// <summary>
/// Durable Functions' entity API under <c>/runtime/webhooks/durabletask/entities</c> for the <c>PlanMonitor</c> and
/// <c>ExecutionStatistics</c> entities: read one, list them, and signalling, which is refused because only the engine
/// writes them. Entity names are case-insensitive, as in Durable Functions.
/// </summary>
internal static class EntitiesEndpoints
{
    public static IEndpointRouteBuilder MapEntitiesEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(ManagementUrls.EntitiesPath).WithTags("Entities");

        group.MapGet("/{entityName}", ListAsync)
            .WithName("ListEntities")
            .WithSummary("Lists the entities of a name (PlanMonitor: one per run; ExecutionStatistics: one), filtered by lastOperationTimeFrom and lastOperationTimeTo, top at a time, with their state when fetchState=true; paged by the x-ms-continuation-token header.")
            .Produces<IReadOnlyList<EntityStatus>>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest);

        group.MapGet("/{entityName}/{entityKey}", GetAsync)
            .WithName("GetEntity")
            .WithSummary("An entity's state: PlanMonitor/{instanceId} is the run's ExecutionProgress, ExecutionStatistics/global the counters of /api/statistics.")
            .Produces<object>()
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        group.MapPost("/{entityName}/{entityKey}", Signal)
            .WithName("SignalEntity")
            .WithSummary("Signalling: refused with 400 for PlanMonitor and ExecutionStatistics, which only the engine writes; 404 for any other name.")
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound);

        return endpoints;
    }

    private static async Task<IResult> GetAsync(string entityName, string entityKey, PlanFunctionsClient client, CancellationToken cancellationToken)
    {
        if (!PlanEntities.IsKnown(entityName))
        {
            return UnknownEntity(entityName);
        }

        var entity = await client.GetEntityAsync(new EntityInstanceId(entityName, entityKey), cancellationToken);
        if (entity?.State is not { } state)
        {
            return ApiResults.Error(
                StatusCodes.Status404NotFound,
                PlanEntities.IsPlanMonitor(entityName)
                    ? $"No PlanMonitor entity has the key '{entityKey}': the key is a run's instance id, and no run has this one."
                    : $"No ExecutionStatistics entity has the key '{entityKey}': it has the one key '{PlanEntities.StatisticsKey}'.");
        }

        return ApiResults.Json(state);
    }

    private static async Task<IResult> ListAsync(HttpContext context, string entityName, PlanFunctionsClient client)
    {
        var values = new QueryValues(context.Request.Query);
        var query = new EntityQuery
        {
            Name = entityName,
            IncludeState = values.Boolean("fetchState", false),
            LastModifiedFrom = values.Time("lastOperationTimeFrom"),
            LastModifiedTo = values.Time("lastOperationTimeTo"),
            PageSize = values.Integer("top", 100, 1, QueryValues.MaxTop),
            ContinuationToken = context.Request.Headers[InstancesEndpoints.ContinuationHeader].ToString() is { Length: > 0 } token ? token : null,
        };
        if (values.Problems.Count > 0)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "The query is not valid.", values.Problems);
        }

        EntityPage page;
        try
        {
            page = await client.ListEntitiesAsync(query, context.RequestAborted);
        }
        catch (Exception exception) when (query.ContinuationToken is not null && exception is FormatException or ArgumentException)
        {
            return ApiResults.Detail(StatusCodes.Status400BadRequest, "The continuation token is not one this service handed out.", InstancesEndpoints.ContinuationHeader, InstancesEndpoints.ContinuationHeader, "not a continuation token");
        }

        if (page.ContinuationToken is { Length: > 0 } next)
        {
            context.Response.Headers[InstancesEndpoints.ContinuationHeader] = next;
        }

        return ApiResults.Json(page.Entities
            .Select(entity => new EntityStatus(new EntityIdentity(entity.Id.Key, entity.Id.Name), entity.LastModifiedTime, entity.State))
            .ToList());
    }

    private static IResult Signal(string entityName, string? op) =>
        PlanEntities.WhySignalRefused(entityName) is { } why
            ? ApiResults.Detail(StatusCodes.Status400BadRequest, $"The entity '{entityName}' cannot be signalled{(op is { Length: > 0 } ? $" (operation '{op}')" : string.Empty)}.", "entityName", "entityName", why)
            : UnknownEntity(entityName);

    private static IResult UnknownEntity(string entityName) =>
        ApiResults.Error(
            StatusCodes.Status404NotFound,
            $"There is no entity function '{entityName}': the entities are {string.Join(" and ", PlanEntities.Names)} (names in any case).");
}
