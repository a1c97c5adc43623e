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
        var completed = new[] { await StartIdAsync(Http, QuickPlan), await StartIdAsync(Http, QuickPlan) };
        var failed = await StartIdAsync(Http, """{ "name": "f", "steps": [ { "id": "x", "tool": "fail", "parameters": { "message": "no", "retryable": false } } ] }""");
        var canceled = await StartIdAsync(Http, WaitingPlan);
        var terminated = await StartIdAsync(Http, WaitingPlan);
        var running = await StartIdAsync(Http, WaitingPlan);
        await PostAsync(Http, $"{Instances}/{canceled}/raiseEvent/cancel");
        await PostAsync(Http, $"{Instances}/{terminated}/terminate");
        foreach (var id in completed.Append(failed).Append(canceled).Append(terminated))
        {
            await WaitForEndAsync(Http, id);
        }

        // The statistics entity hears of each end after the run has recorded it: wait for the last one to arrive.
        var statistics = await Eventually.ReturnsAsync(async () =>
        {
            using var response = await Http.GetAsync("api/statistics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await BodyAsync(response);
            return (long)body["endedPlans"]! == 5 ? body : null;
        }, Soon, "the statistics did not count five ended runs");

        Assert.Equal(6, (long)statistics["totalPlans"]!);
        Assert.Equal(1, (long)statistics["activeExecutions"]!);
        Assert.Equal(2, (long)statistics["completedPlans"]!);
        Assert.Equal(1, (long)statistics["failedPlans"]!);
        Assert.Equal(1, (long)statistics["cancelledPlans"]!);
        Assert.Equal(1, (long)statistics["terminatedPlans"]!);
        Assert.Equal(0.4, (double)statistics["successRate"]!, 6);
        Assert.True((double)statistics["averageDurationSeconds"]! > 0);
        await PostAsync(Http, $"{Instances}/{running}/terminate");
    }
}
