using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using PlanFunctions.Core.Execution;
using PlanFunctions.Viewer;

namespace PlanFunctions.Functions.Http;

/// <summary>
/// Where this app serves the viewer (its HTTP triggers' routes), each URL with the caller's <c>code</c> when it came
/// with one, and the run's management URLs as Durable Functions makes them.
/// </summary>
internal sealed class FunctionsViewerLinks(HttpRequestData request, DurableTaskClient client) : IRunViewerLinks
{
    private readonly string? _key = request.Query["code"];

    public string RunList(RuntimeStatus? status) => WithKey("/runs", status is { } s ? $"status={s}" : null);

    public string Run(string instanceId) => WithKey($"/runs/{Uri.EscapeDataString(instanceId)}", null);

    public string Graph(string instanceId) => WithKey($"/runs/{Uri.EscapeDataString(instanceId)}/graph", null);

    public string Asset(string name) => WithKey($"/viewer/{Uri.EscapeDataString(name)}", null);

    public RunControlLinks Control(string instanceId)
    {
        var payload = JsonSerializer.SerializeToElement(client.CreateHttpManagementPayload(instanceId, request));
        string Url(string name) => payload.GetProperty(name).GetString()!;
        return new RunControlLinks(
            Url("statusQueryGetUri"), Url("sendEventPostUri"), Url("terminatePostUri"), Url("suspendPostUri"), Url("resumePostUri"),
            WithKey($"/api/plans/{Uri.EscapeDataString(instanceId)}/rewind", "reason={text}"));
    }

    private string WithKey(string path, string? query)
    {
        var parts = new[] { query, _key is null ? null : "code=" + Uri.EscapeDataString(_key) }.Where(p => p is not null);
        var joined = string.Join('&', parts);
        return joined.Length == 0 ? path : path + "?" + joined;
    }
}
