using System.Text.Json;
using PlanFunctions.Client;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Viewer.Assets;
using PlanFunctions.Viewer.Graph;
using PlanFunctions.Viewer.Pages;

namespace PlanFunctions.Viewer;

/// <summary>
/// The run viewer, for any host to serve: <c>GET /runs</c>, <c>GET /runs/{instanceId}</c>, the run graph the page
/// polls, and the page's assets. It reads runs through the engine-neutral <see cref="PlanFunctionsClient"/> only, and
/// answers with <see cref="ViewerResponse"/>s the host writes as it writes any HTTP answer.
/// </summary>
/// <param name="client">The engine's client.</param>
/// <param name="time">The clock (the deadline of a run whose history is not at hand).</param>
public sealed class RunViewer(PlanFunctionsClient client, TimeProvider time)
{
    private static readonly IReadOnlyDictionary<string, string> JsonHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Cache-Control"] = "no-store",
    };

    /// <summary>The list of recent runs, filtered by <paramref name="status"/> (a <c>runtimeStatus</c> name) when given; 400 for a name that is not one.</summary>
    public Task<ViewerResponse> RunListAsync(IRunViewerLinks links, string? status, CancellationToken cancellationToken = default) =>
        RunListPage.RenderAsync(client, links, status, cancellationToken);

    /// <summary>The page of one run; 404 when no run has this instance id.</summary>
    public Task<ViewerResponse> RunAsync(IRunViewerLinks links, string instanceId) => RunPage.RenderAsync(client, links, instanceId);

    /// <summary>The run graph of one run as JSON (<see cref="RunGraph"/>); 404 when no run has this instance id.</summary>
    public async Task<ViewerResponse> GraphAsync(string instanceId)
    {
        var graph = await RunGraphBuilder.BuildAsync(client, instanceId, time.GetUtcNow()).ConfigureAwait(false);
        var body = graph is null
            ? JsonSerializer.SerializeToUtf8Bytes(new { error = $"No run has the instance id '{instanceId}'.", details = Array.Empty<object>() }, PlanJson.Options)
            : JsonSerializer.SerializeToUtf8Bytes(graph, PlanJson.Options);
        return new ViewerResponse(graph is null ? 404 : 200, "application/json; charset=utf-8", body, JsonHeaders);
    }

    /// <summary>One of the page's assets; <see langword="null"/> for a name that is not one.</summary>
    public static ViewerResponse? Asset(string name) => ViewerAssets.Find(name);
}
