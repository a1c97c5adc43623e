using System.Net;
using System.Text.Json.Nodes;
using PlanFunctions.Host.Tests.TestSupport;
using static PlanFunctions.Host.Tests.TestSupport.Api;

namespace PlanFunctions.Host.Tests.Api;

/// <summary>A service of its own, so that no other test's runs are counted.</summary>
public sealed class StatisticsFixture : IAsyncLifetime
{
    public RunningHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class StatisticsTests(StatisticsFixture fixture) : IClassFixture<StatisticsFixture>
{
    private HttpClient Http => fixture.Host.Http;

    [Fact]
    public async Task Statistics_add_up_after_several_runs()
    {
        var before = await StatisticsAsync(Http);
        long Grew(JsonNode now, string counter) => (long)now[counter]! - (long)before[counter]!;
        var completed = new[] { await StartIdAsync(Http, QuickPlan), await StartIdAsync(Http, QuickPlan) };
        var failed = await StartIdAsync(Http, """{ "name": "f", "steps": [ { "id": "x", "tool": "fail", "parameters": { "message": "no", "retryable": false } } ] }""");
        var canceled = await StartIdAsync(Http, WaitingPlan);
        var running = await StartIdAsync(Http, WaitingPlan);
        await PostAsync(Http, $"{Instances}/{canceled}/raiseEvent/cancel");
        foreach (var id in completed.Append(failed).Append(canceled))
        {
            await WaitForEndAsync(Http, id);
        }

        // The statistics entity hears of each end after the run has recorded it: wait for the last one to arrive.
        var statistics = await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await Http.GetAsync("api/statistics");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var body = await BodyAsync(response);
                return Grew(body, "endedPlans") >= 4 ? body : null;
            },
            Soon,
            "the statistics did not count the 4 ended runs");

        Assert.True(Grew(statistics, "endedPlans") == 4, statistics.ToJsonString());
        Assert.Equal(5, Grew(statistics, "totalPlans"));
        Assert.Equal(1, Grew(statistics, "activeExecutions"));
        Assert.Equal(2, Grew(statistics, "completedPlans"));
        Assert.Equal(1, Grew(statistics, "failedPlans"));
        Assert.Equal(1, Grew(statistics, "cancelledPlans"));
        var ended = (long)statistics["endedPlans"]!;
        Assert.Equal((double)(long)statistics["completedPlans"]! / ended, (double)statistics["successRate"]!, 6);
        Assert.True((double)statistics["averageDurationSeconds"]! > 0);
        await PostAsync(Http, $"{Instances}/{running}/terminate");
    }

    [Fact]
    public async Task A_terminated_run_is_counted_as_ended()
    {
        var before = await StatisticsAsync(Http);
        var id = await StartIdAsync(Http, WaitingPlan);
        await PostAsync(Http, $"{Instances}/{id}/terminate");
        await WaitForEndAsync(Http, id);

        var after = await Eventually.ReturnsAsync(
            async () => await StatisticsAsync(Http) is var now && (long)now["terminatedPlans"]! > (long)before["terminatedPlans"]! ? now : null,
            Soon,
            "the terminated run was not counted");

        Assert.Equal((long)before["activeExecutions"]!, (long)after["activeExecutions"]!);
    }
}
