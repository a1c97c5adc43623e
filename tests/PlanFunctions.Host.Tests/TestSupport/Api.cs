using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlanFunctions.Host.Tests.TestSupport;

/// <summary>Calls on the HTTP API as a Durable Functions client makes them.</summary>
internal static class Api
{
    public const string Instances = "runtime/webhooks/durabletask/instances";

    public static readonly TimeSpan Soon = TimeSpan.FromSeconds(20);

    public const string WaitingPlan = """{ "name": "waiting", "steps": [ { "id": "wait", "tool": "waitForEvent", "parameters": { "eventName": "go" } } ] }""";

    public const string QuickPlan = """{ "name": "quick", "steps": [ { "id": "a", "tool": "echo", "parameters": { "n": 1 } } ] }""";

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonNode> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("empty body");
    }

    /// <summary>Starts a plan and returns the check-status payload, failing the test unless it was accepted.</summary>
    public static async Task<JsonNode> StartAsync(HttpClient http, string plan, string? instanceId = null)
    {
        using var response = await http.PostAsync(instanceId is null ? "api/plans" : "api/plans/" + Uri.EscapeDataString(instanceId), Json(plan));
        var body = await BodyAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {body.ToJsonString()}");
        return body;
    }

    public static async Task<string> StartIdAsync(HttpClient http, string plan, string? instanceId = null) =>
        (string)(await StartAsync(http, plan, instanceId))["id"]!;

    /// <summary>Polls the status until it answers 200 and returns that body.</summary>
    public static Task<JsonNode> WaitForEndAsync(HttpClient http, string instanceId) =>
        Eventually.ReturnsAsync(async () =>
        {
            using var response = await http.GetAsync($"{Instances}/{instanceId}");
            return response.StatusCode == HttpStatusCode.OK ? await BodyAsync(response) : null;
        }, Soon, $"run {instanceId} did not end");

    /// <summary>Polls the status until the run's current step is <paramref name="stepId"/>.</summary>
    public static Task<JsonNode> WaitForStepAsync(HttpClient http, string instanceId, string stepId) =>
        Eventually.ReturnsAsync(async () =>
        {
            using var response = await http.GetAsync($"{Instances}/{instanceId}?showInput=false");
            var body = await BodyAsync(response);
            return (string?)body["customStatus"]?["currentStep"] == stepId ? body : null;
        }, Soon, $"run {instanceId} did not reach step {stepId}");

    public static async Task<HttpStatusCode> PostAsync(HttpClient http, string path, string? json = null)
    {
        using var response = await http.PostAsync(path, json is null ? null : Json(json));
        return response.StatusCode;
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    public static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node);

    /// <summary>Polls every run not yet ended, <paramref name="clients"/> at a time, until all have; returns each run's final status.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> WaitForAllToEndAsync(HttpClient http, IReadOnlyCollection<string> ids, int clients, TimeSpan deadline)
    {
        var ended = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var until = DateTime.UtcNow + deadline;
        while (ended.Count < ids.Count)
        {
            Assert.True(DateTime.UtcNow < until, $"{ids.Count - ended.Count} of {ids.Count} runs had not ended within {deadline.TotalSeconds:0} s");
            await Parallel.ForEachAsync(ids.Where(id => !ended.ContainsKey(id)), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (id, _) =>
            {
                using var response = await http.GetAsync($"{Instances}/{id}?showInput=false");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ended[id] = (string)(await BodyAsync(response))["runtimeStatus"]!;
                }
            });
        }

        return ended;
    }

    /// <summary>The service's statistics.</summary>
    public static async Task<JsonNode> StatisticsAsync(HttpClient http)
    {
        using var response = await http.GetAsync("api/statistics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await BodyAsync(response);
    }

    /// <summary>The steps a run's history records as succeeded.</summary>
    public static async Task<List<string>> EndedStepsAsync(HttpClient http, string run)
    {
        using var response = await http.GetAsync($"{Instances}/{run}?showHistory=true&showInput=false");
        var body = await BodyAsync(response);
        return [.. body["historyEvents"]!.AsArray()
            .Where(e => (string?)e!["eventType"] == "StepSucceeded")
            .Select(e => (string)e!["stepId"]!)];
    }
}
