using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using PlanFunctions.Functions.Hosting;
using PlanFunctions.Viewer;

namespace PlanFunctions.Functions.Http;

/// <summary>The run viewer's pages, graph and assets (<c>GET /runs</c>, <c>GET /runs/{instanceId}</c>), as the self-hosted service serves them.</summary>
public sealed class ViewerFunctions(IPlanFunctionsClientFactory clients, TimeProvider time)
{
    /// <summary>The list of recent runs, filtered by <c>?status=</c> when given.</summary>
    [Function("ViewRuns")]
    public async Task<HttpResponseData> RunListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = await Viewer(client).RunListAsync(new FunctionsViewerLinks(request, client), request.Query["status"], cancellationToken);
        return await WriteAsync(request, page, cancellationToken);
    }

    /// <summary>The page of one run.</summary>
    [Function("ViewRun")]
    public async Task<HttpResponseData> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{instanceId}")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        string instanceId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await WriteAsync(request, await Viewer(client).RunAsync(new FunctionsViewerLinks(request, client), instanceId), cancellationToken);
    }

    /// <summary>The run graph the page polls.</summary>
    [Function("ViewRunGraph")]
    public async Task<HttpResponseData> GraphAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{instanceId}/graph")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        string instanceId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await WriteAsync(request, await Viewer(client).GraphAsync(instanceId), cancellationToken);
    }

    /// <summary>The page's stylesheet and script.</summary>
    [Function("ViewerAsset")]
    public static async Task<HttpResponseData> AssetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "viewer/{name}")] HttpRequestData request,
        string name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunViewer.Asset(name) is { } asset
            ? await WriteAsync(request, asset, cancellationToken)
            : request.CreateResponse(HttpStatusCode.NotFound);
    }

    private RunViewer Viewer(DurableTaskClient client) => new(clients.Create(client), time);

    private static async Task<HttpResponseData> WriteAsync(HttpRequestData request, ViewerResponse answer, CancellationToken cancellationToken)
    {
        var response = request.CreateResponse((HttpStatusCode)answer.StatusCode);
        response.Headers.Add("Content-Type", answer.ContentType);
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers.Add(name, value);
        }

        await response.Body.WriteAsync(answer.Body, cancellationToken);
        return response;
    }
}
