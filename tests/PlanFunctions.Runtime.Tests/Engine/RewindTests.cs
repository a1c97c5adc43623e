using PlanFunctions.Core.Control;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Status;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.TestSupport;

namespace PlanFunctions.Runtime.Tests.Engine;

/// <summary>
/// Rewind on the Orleans engine, on Azurite: an ended Failed run reopens, its failed step and what was skipped because
/// of it run again, what succeeded does not, the history shows the rewind, the statistics count the run once, and a
/// rewound run whose cluster stops is finished by a new cluster on the same storage.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class RewindTests(AzuriteFixture azurite)
{
    // 'flaky' fails its first attempt (no retry), so the run fails; its second attempt, after the rewind, succeeds.
    private const string Plan = """
        { "name": "rewind", "steps": [
            { "id": "first", "tool": "probe" },
            { "id": "flaky", "tool": "probe", "dependsOn": ["first"], "parameters": { "failTimes": 1, "ms": MS },
              "retry": { "maxNumberOfAttempts": 1 } },
            { "id": "last", "tool": "probe", "dependsOn": ["flaky"] } ] }
        """;

    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_rewound_Failed_run_runs_its_failed_step_and_what_was_skipped_again_and_completes()
    {
        var hub = AzuriteFixture.CreateTaskHubName();
        await using var engine = await StartAsync(hub);
        var id = await engine.StartAsync(Plan.Replace("MS", "0", StringComparison.Ordinal));
        var failed = await engine.WaitForEndAsync(id, Generous);
        Assert.Equal(RuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal(StepStatus.Skipped, failed.Output!.Steps["last"].Status);
        await WaitForStatisticsAsync(engine, s => s.FailedPlans == 1 && s.ActiveExecutions == 0, "the failed run was not counted");

        Assert.Equal(ControlResult.Accepted, await engine.Client.RewindAsync(id, "the probe was fixed"));

        var completed = await engine.WaitForEndAsync(id, Generous);
        Assert.Equal(RuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Equal((1, 2, 1), (ProbeTool.CallsOf(id, "first"), ProbeTool.CallsOf(id, "flaky"), ProbeTool.CallsOf(id, "last")));
        Assert.Equal(2, completed.Output!.Steps["flaky"].Attempts);
        var history = (await engine.Client.GetStatusAsync(id, new StatusQuery(ShowHistory: true)))!.HistoryEvents!;
        var rewound = Assert.Single(history, e => e.GetProperty("eventType").GetString() == "RunRewound");
        Assert.Equal("the probe was fixed", rewound.GetProperty("reason").GetString());
        Assert.Equal(
            ["RunCompleted", "RunRewound", "RunCompleted"],
            history.Select(e => e.GetProperty("eventType").GetString()).Where(t => t is "RunCompleted" or "RunRewound"));
        await WaitForStatisticsAsync(
            engine,
            s => (s.TotalPlans, s.FailedPlans, s.CompletedPlans, s.ActiveExecutions) == (1, 0, 1, 0),
            "the rewound run was not counted once, as completed");
        var index = await engine.Client.ListAsync(new PlanFunctions.Client.InstanceQuery { Top = 10 });
        Assert.Equal(RuntimeStatus.Completed, Assert.Single(index.Instances, r => r.InstanceId == id).RuntimeStatus);
    }

    [Fact]
    public async Task Only_a_Failed_run_can_be_rewound_and_an_unknown_one_is_not_found()
    {
        var hub = AzuriteFixture.CreateTaskHubName();
        await using var engine = await StartAsync(hub);
        var running = await engine.StartAsync("""{ "name": "waits", "steps": [ { "id": "wait", "tool": "waitForEvent", "parameters": { "eventName": "go" } } ] }""");
        var completed = await engine.StartAsync("""{ "name": "done", "steps": [ { "id": "a", "tool": "probe" } ] }""");
        await engine.WaitForEndAsync(completed, Generous);

        Assert.Equal(ControlResult.Conflict, await engine.Client.RewindAsync(running, null));
        Assert.Equal(ControlResult.Conflict, await engine.Client.RewindAsync(completed, null));
        Assert.Equal(ControlResult.NotFound, await engine.Client.RewindAsync("no-such-run", null));
        Assert.Equal(RuntimeStatus.Running, (await engine.Client.GetStatusAsync(running))!.RuntimeStatus);
        Assert.Equal(1, ProbeTool.CallsOf(completed, "a"));
    }

    [Fact]
    public async Task A_rewound_run_whose_cluster_stops_mid_step_is_finished_by_a_new_cluster_on_the_same_storage()
    {
        var hub = AzuriteFixture.CreateTaskHubName();
        string id;
        await using (var first = await StartAsync(hub))
        {
            id = await first.StartAsync(Plan.Replace("MS", "3000", StringComparison.Ordinal));
            Assert.Equal(RuntimeStatus.Failed, (await first.WaitForEndAsync(id, Generous)).RuntimeStatus);
            Assert.Equal(ControlResult.Accepted, await first.Client.RewindAsync(id, "again"));
            await Eventually.TrueAsync(() => ProbeTool.IsRunning(id, "flaky") && ProbeTool.CallsOf(id, "flaky") == 2, Generous, "the rewound step did not start again");
            await first.Cluster.StopAllSilosAsync();
        }

        await using var second = await StartAsync(hub);
        var status = await second.WaitForEndAsync(id, Generous);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(1, ProbeTool.CallsOf(id, "first"));
        Assert.Equal(1, ProbeTool.CallsOf(id, "last"));
        await WaitForStatisticsAsync(
            second,
            s => (s.TotalPlans, s.FailedPlans, s.CompletedPlans, s.ActiveExecutions) == (1, 0, 1, 0),
            "the rewound run was not counted once, as completed, after the restart");
    }

    private static Task WaitForStatisticsAsync(EngineCluster engine, Func<Core.Statistics.ExecutionStatistics, bool> holds, string message) =>
        Eventually.TrueAsync(async () => holds(await engine.Client.GetStatisticsAsync()), TimeSpan.FromSeconds(30), message);

    private Task<EngineCluster> StartAsync(string hub) =>
        EngineCluster.StartAsync(
            storage: silo => silo.UsePlanFunctionsAzureTableStorage(options =>
            {
                options.ConnectionString = azurite.ConnectionString;
                options.TaskHubName = hub;
            }),
            configure: options => options.RunReminderPeriod = TimeSpan.FromSeconds(2),
            serviceId: hub);
}
