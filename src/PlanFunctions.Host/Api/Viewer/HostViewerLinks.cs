using Microsoft.AspNetCore.WebUtilities;
using PlanFunctions.Core.Execution;
using PlanFunctions.Host.Security;
using PlanFunctions.Viewer;

namespace PlanFunctions.Host.Api.Viewer;

/// <summary>
/// Where this service serves the viewer, each URL with <c>?code=</c> when keys are on, as the service hands out its
/// management URLs: a page opened with the key keeps it on every link and call.
/// </summary>
internal sealed class HostViewerLinks(HttpRequest request, ManagementUrls urls, ApiKeyOptions keys) : IRunViewerLinks
{
    public string RunList(RuntimeStatus? status) =>
        WithKey(Path(ViewerEndpoints.RunsPath), status is { } s ? new() { ["status"] = s.ToString() } : []);

    public string Run(string instanceId) => WithKey(Path($"{ViewerEndpoints.RunsPath}/{Uri.EscapeDataString(instanceId)}"), []);

    public string Graph(string instanceId) => WithKey(Path($"{ViewerEndpoints.RunsPath}/{Uri.EscapeDataString(instanceId)}/graph"), []);

    public string Asset(string name) => WithKey(Path($"{ViewerEndpoints.AssetsPath}/{Uri.EscapeDataString(name)}"), []);

    public RunControlLinks Control(string instanceId)
    {
        var check = urls.CheckStatus(request, instanceId);
        return new RunControlLinks(check.StatusQueryGetUri, check.SendEventPostUri, check.TerminatePostUri, check.SuspendPostUri, check.ResumePostUri, urls.RewindPost(request, instanceId));
    }

    private string Path(string path) => request.PathBase + path;

    private string WithKey(string path, Dictionary<string, string?> query)
    {
        if (keys.IsEnabled)
        {
            query[ApiKeyMiddleware.QueryParameter] = keys.ApiKey;
        }

        return QueryHelpers.AddQueryString(path, query);
    }
}
