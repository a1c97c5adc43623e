using System.Net;
using System.Text.Json.Nodes;
using PlanFunctions.Host.Tests.TestSupport;
using static PlanFunctions.Host.Tests.TestSupport.Api;

namespace PlanFunctions.Host.Tests.Api;

[Collection(HostCollection.Name)]
public sealed class ListInstancesTests(HostFixture fixture)
{
    private const string ContinuationHeader = "x-ms-continuation-token";

    private HttpClient Http => fixture.Host.Http;

    [Fact]
    public async Task Runs_are_listed_by_prefix_and_status_and_paged_by_the_continuation_header()
    {
        var prefix = "list-" + Guid.NewGuid().ToString("N")[..8] + "-";
        foreach (var name in new[] { "a", "b", "c" })
        {
            await StartAsync(Http, QuickPlan, prefix + name);
        }

        await StartAsync(Http, WaitingPlan, prefix + "waiting");
        foreach (var name in new[] { "a", "b", "c" })
        {
            await WaitForEndAsync(Http, prefix + name);
        }

        var completed = await ListAsync($"?instanceIdPrefix={prefix}&runtimeStatus=Completed,Failed");
        var running = await ListAsync($"?instanceIdPrefix={prefix}&runtimeStatus=Running");
        using var first = await Http.GetAsync($"{Instances}?instanceIdPrefix={prefix}&top=3");
        var token = Header(first, ContinuationHeader);
        using var next = new HttpRequestMessage(HttpMethod.Get, $"{Instances}?instanceIdPrefix={prefix}&top=3");
        next.Headers.Add(ContinuationHeader, token);
        using var second = await Http.SendAsync(next);

        Assert.Equal([prefix + "a", prefix + "b", prefix + "c"], Ids(completed));
        Assert.Equal([prefix + "waiting"], Ids(running));
        Assert.Equal("Running", (string)running[0]!["runtimeStatus"]!);
        Assert.Equal(3, (await BodyAsync(first)).AsArray().Count);
        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal([prefix + "waiting"], Ids((await BodyAsync(second)).AsArray()));
        Assert.Null(Header(second, ContinuationHeader));
        await PostAsync(Http, $"{Instances}/{prefix}waiting/terminate");
    }

    [Fact]
    public async Task Runs_are_filtered_by_created_time()
    {
        var prefix = "time-" + Guid.NewGuid().ToString("N")[..8] + "-";
        await StartAsync(Http, QuickPlan, prefix + "one");
        var created = DateTimeOffset.Parse((string)(await WaitForEndAsync(Http, prefix + "one"))["createdTime"]!);

        var inRange = await ListAsync($"?instanceIdPrefix={prefix}&createdTimeFrom={Iso(created.AddMinutes(-1))}&createdTimeTo={Iso(created.AddMinutes(1))}");
        var later = await ListAsync($"?instanceIdPrefix={prefix}&createdTimeFrom={Iso(created.AddMinutes(1))}");

        Assert.Equal([prefix + "one"], Ids(inRange));
        Assert.Empty(later);
    }

    [Fact]
    public async Task Bad_query_values_are_refused_with_400_naming_each()
    {
        using var response = await Http.GetAsync($"{Instances}?runtimeStatus=Sleeping&top=0&createdTimeFrom=yesterday");
        var error = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["createdTimeFrom", "runtimeStatus", "top"], error["details"]!.AsArray().Select(d => (string)d!["property"]!).Order());
    }

    private async Task<JsonArray> ListAsync(string query)
    {
        using var response = await Http.GetAsync(Instances + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await BodyAsync(response)).AsArray();
    }

    private static string[] Ids(JsonArray statuses) => [.. statuses.Select(s => (string)s!["instanceId"]!)];

    private static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
}
