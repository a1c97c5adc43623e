using Microsoft.Extensions.Options;
using PlanFunctions.Client;
using PlanFunctions.Host.Api.Runs;
using PlanFunctions.Host.Security;
using PlanFunctions.Viewer;

namespace PlanFunctions.Host.Api.Viewer;

/// <summary>
/// The run viewer: <c>GET /runs</c>, <c>GET /runs/{instanceId}</c>, the run graph its page polls
/// (<c>GET /runs/{instanceId}/graph</c>) and the page's stylesheet and script (<c>GET /viewer/{name}</c>). Pages,
/// assets and rendering live in PlanFunctions.Viewer, which the Functions app serves too; this only routes to them.
/// </summary>
internal static class ViewerEndpoints
{
    /// <summary>The route of the run list; a run's page is below it.</summary>
    public const string RunsPath = "/runs";

    /// <summary>The route of the pages' assets.</summary>
    public const string AssetsPath = "/viewer";

    public static IEndpointRouteBuilder MapViewerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup(string.Empty).WithTags("Viewer").ExcludeFromDescription();
        group.MapGet(RunsPath, async (HttpContext context, string? status) =>
            new ViewerResult(await Viewer(context).RunListAsync(Links(context), status, context.RequestAborted)));

        group.MapGet(RunsPath + "/{instanceId}", async (HttpContext context, string instanceId) =>
            InstanceIds.Problem(instanceId) is { } problem
                ? ApiResults.Detail(StatusCodes.Status400BadRequest, "The instance id is not valid.", "instanceId", null, problem)
                : new ViewerResult(await Viewer(context).RunAsync(Links(context), instanceId)));

        group.MapGet(RunsPath + "/{instanceId}/graph", async (HttpContext context, string instanceId) =>
            InstanceIds.Problem(instanceId) is { } problem
                ? ApiResults.Detail(StatusCodes.Status400BadRequest, "The instance id is not valid.", "instanceId", null, problem)
                : new ViewerResult(await Viewer(context).GraphAsync(instanceId)));

        group.MapGet(AssetsPath + "/{name}", (HttpContext context, string name) =>
            RunViewer.Asset(name) is { } asset
                ? new ViewerResult(asset)
                : ApiResults.Error(StatusCodes.Status404NotFound, $"There is no viewer asset '{name}'."));
        return endpoints;
    }

    private static RunViewer Viewer(HttpContext context)
    {
        var services = context.RequestServices;
        return new RunViewer(services.GetRequiredService<PlanFunctionsClient>(), services.GetService<TimeProvider>() ?? TimeProvider.System);
    }

    private static HostViewerLinks Links(HttpContext context) => new(
        context.Request,
        context.RequestServices.GetRequiredService<ManagementUrls>(),
        context.RequestServices.GetRequiredService<IOptionsMonitor<ApiKeyOptions>>().CurrentValue);
}
