using Orleans.Runtime;
using Orleans.TestingHost;
using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.TestSupport;
using Xunit.Abstractions;
using PlanFunctions.Core.Status;

namespace PlanFunctions.Runtime.Tests.Engine;

/// <summary>
/// Runs outlive the hosts they run on: three silos on one Azurite, a silo killed mid-step, a whole cluster
/// stopped and a new one started on the same storage. A counting tool shows that no step recorded as ended
/// ran again.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class FailoverTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string Plan = """
        { "name": "failover", "steps": [
            { "id": "first", "tool": "probe" },
            { "id": "second", "tool": "probe", "dependsOn": ["first"] },
            { "id": "slow", "tool": "probe", "dependsOn": ["second"], "parameters": { "ms": 1500 } },
            { "id": "last", "tool": "probe", "dependsOn": ["slow"] } ] }
        """;

    [Fact]
    public async Task Killing_the_silo_that_hosts_runs_mid_step_lets_them_complete_on_the_others()
    {
        var hub = AzuriteFixture.CreateTaskHubName();
        await using var engine = await StartAsync(hub, silos: 3, serviceId: hub);
        var ids = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            ids.Add(await engine.StartAsync(Plan));
        }

        await Eventually.TrueAsync(() => ids.All(id => ProbeTool.CallsOf(id, "slow") > 0), TimeSpan.FromSeconds(30), "the slow steps did not start");
        var victim = engine.Cluster.Silos.Skip(1).Select(silo => (Silo: silo, Runs: RunsHostedBy(engine.Cluster, silo, ids))).MaxBy(s => s.Runs.Count);
        Assert.True(victim.Runs.Count > 0, "no run was hosted on a secondary silo");
        var endedBefore = await EndedStepsAsync(engine, ids);
        output.WriteLine($"killing {victim.Silo.SiloAddress}, which hosts {victim.Runs.Count} of {ids.Count} runs; {endedBefore.Count} steps had ended");

        await engine.Cluster.KillSiloAsync(victim.Silo);

        foreach (var id in ids)
        {
            var status = await engine.WaitForEndAsync(id, TimeSpan.FromSeconds(60));
            Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        }

        Assert.All(endedBefore, ended => Assert.Equal(1, ProbeTool.CallsOf(ended.InstanceId, ended.StepId)));
        output.WriteLine($"after the kill: {string.Join(", ", ids.Select(id => $"{id[..6]}:{ProbeTool.CallsOf(id, "slow")}"))} (calls of 'slow')");
    }

    [Fact]
    public async Task Stopping_every_silo_and_starting_a_new_cluster_on_the_same_storage_finishes_every_run()
    {
        var hub = AzuriteFixture.CreateTaskHubName();
        var ids = new List<string>();
        List<(string InstanceId, string StepId)> endedBefore;
        await using (var first = await StartAsync(hub, silos: 2, serviceId: hub))
        {
            for (var i = 0; i < 4; i++)
            {
                ids.Add(await first.StartAsync(Plan));
            }

            await Eventually.TrueAsync(() => ids.All(id => ProbeTool.CallsOf(id, "slow") > 0), TimeSpan.FromSeconds(30), "the slow steps did not start");
            endedBefore = await EndedStepsAsync(first, ids);
            await first.Cluster.StopAllSilosAsync();
        }

        await using var second = await StartAsync(hub, silos: 1, serviceId: hub);
        foreach (var id in ids)
        {
            var status = await second.WaitForEndAsync(id, TimeSpan.FromSeconds(60));
            Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        }

        Assert.All(endedBefore, ended => Assert.Equal(1, ProbeTool.CallsOf(ended.InstanceId, ended.StepId)));
        // A run's end reaches the statistics entity just after its status shows it ended.
        await Eventually.TrueAsync(
            async () => (await second.Client.GetStatisticsAsync()) is { ActiveExecutions: 0 } statistics && statistics.CompletedPlans == ids.Count,
            TimeSpan.FromSeconds(30),
            "the statistics did not count every run once as completed");
    }

    private Task<EngineCluster> StartAsync(string hub, int silos, string serviceId) =>
        EngineCluster.StartAsync(
            silos,
            storage: silo => silo.UsePlanFunctionsAzureTableStorage(options =>
            {
                options.ConnectionString = azurite.ConnectionString;
                options.TaskHubName = hub;
            }),
            configure: options => options.RunReminderPeriod = TimeSpan.FromSeconds(2),
            serviceId: serviceId);

    private static List<string> RunsHostedBy(InProcessTestCluster cluster, InProcessSiloHandle silo, IEnumerable<string> ids) =>
        [.. ids.Where(id =>
            cluster.TryGetGrainContext(GrainId.Create("planorchestrator", id), out var context)
            && silo.SiloAddress.Equals(context?.Address.SiloAddress))];

    private static async Task<List<(string InstanceId, string StepId)>> EndedStepsAsync(EngineCluster engine, IEnumerable<string> ids)
    {
        var ended = new List<(string, string)>();
        foreach (var id in ids)
        {
            var status = await engine.Client.GetStatusAsync(id, new StatusQuery(ShowHistory: true, ShowInput: false));
            ended.AddRange(status!.HistoryEvents!
                .Where(e => e.GetProperty("eventType").GetString() is "StepSucceeded")
                .Select(e => (id, e.GetProperty("stepId").GetString()!)));
        }

        return ended;
    }
}
