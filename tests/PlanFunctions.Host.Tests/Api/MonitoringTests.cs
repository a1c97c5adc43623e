using System.Net;
using PlanFunctions.Host.Tests.TestSupport;
using static PlanFunctions.Host.Tests.TestSupport.Api;

namespace PlanFunctions.Host.Tests.Api;

[Collection(HostCollection.Name)]
public sealed class MonitoringTests(HostFixture fixture)
{
    private HttpClient Http => fixture.Host.Http;

    [Fact]
    public async Task Health_answers_200_when_the_engine_answers()
    {
        using var response = await Http.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (string)(await BodyAsync(response))["status"]!);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint()
    {
        using var response = await Http.GetAsync("openapi/v1.json");
        var document = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/plans", paths);
        Assert.Contains("/api/plans/{instanceId}", paths);
        Assert.Contains("/runtime/webhooks/durabletask/instances/{instanceId}", paths);
        Assert.Contains("/runtime/webhooks/durabletask/instances/{instanceId}/raiseEvent/{eventName}", paths);
        Assert.Contains("/api/statistics", paths);
        Assert.Contains("/runtime/webhooks/durabletask/orchestrators/{functionName}", paths);
        Assert.Contains("/runtime/webhooks/durabletask/orchestrators/{functionName}/{instanceId}", paths);
        Assert.Contains("/runtime/webhooks/durabletask/entities/{entityName}", paths);
        Assert.Contains("/runtime/webhooks/durabletask/entities/{entityName}/{entityKey}", paths);
        Assert.NotNull(document["paths"]!["/runtime/webhooks/durabletask/orchestrators/{functionName}"]!["post"]!["requestBody"]);
        Assert.NotNull(document["paths"]!["/api/plans"]!["post"]!["requestBody"]);
    }

    [Fact]
    public async Task An_unknown_path_answers_404_with_the_error_body()
    {
        using var response = await Http.GetAsync("api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("/api/nothing-here", (string)(await BodyAsync(response))["error"]!);
    }
}
