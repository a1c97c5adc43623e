using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Core.Control;
using PlanFunctions.Client;

namespace PlanFunctions.Runtime.Tests.Engine;

/// <summary>Runs over a host's limit are not refused or lost: they wait as Pending and start as places free up.</summary>
public sealed class ConcurrencyLimitTests
{
    private const string WaitingPlan = """{ "name": "limited", "steps": [ { "id": "w", "tool": "waitForEvent", "parameters": { "eventName": "go" } }, { "id": "after", "tool": "probe", "dependsOn": ["w"] } ] }""";

    [Fact]
    public async Task Runs_over_the_limit_wait_as_Pending_in_order_and_all_complete()
    {
        await using var engine = await EngineCluster.StartAsync(configure: options => options.MaxConcurrentRunsPerHost = 2);
        var prefix = "limit-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await engine.StartAsync(WaitingPlan, $"{prefix}{i}"));
        }

        Assert.Equal([RuntimeStatus.Running, RuntimeStatus.Running, RuntimeStatus.Pending, RuntimeStatus.Pending, RuntimeStatus.Pending], await StatusesAsync(engine, ids));
        var pending = await engine.Client.ListAsync(new InstanceQuery { InstanceIdPrefix = prefix, RuntimeStatuses = [RuntimeStatus.Pending] });
        Assert.Equal(ids[2..], pending.Instances.Select(i => i.InstanceId));
        Assert.Equal(RuntimeStatus.Pending, (await engine.Client.GetStatusAsync(ids[2]))!.CustomStatus.Status);
        Assert.Equal(0, ProbeTool.CallsOf(ids[2], "after"));

        // An event for a run that waits is kept; it takes effect when the run starts.
        Assert.Equal(ControlResult.Accepted, await engine.Client.RaiseEventAsync(ids[4], "go", null));

        // The first run ends: the first one waiting starts, not a later one.
        await engine.Client.RaiseEventAsync(ids[0], "go", null);
        await engine.WaitForEndAsync(ids[0]);
        await Eventually.TrueAsync(async () => (await engine.Client.GetStatusAsync(ids[2]))!.RuntimeStatus == RuntimeStatus.Running, TimeSpan.FromSeconds(20), "the first run waiting did not start");
        Assert.Equal(RuntimeStatus.Pending, (await engine.Client.GetStatusAsync(ids[3]))!.RuntimeStatus);

        foreach (var id in ids[1..4])
        {
            await engine.Client.RaiseEventAsync(id, "go", null);
        }

        foreach (var id in ids)
        {
            Assert.Equal(RuntimeStatus.Completed, (await engine.WaitForEndAsync(id)).RuntimeStatus);
            Assert.Equal(1, ProbeTool.CallsOf(id, "after"));
        }
    }

    [Fact]
    public async Task A_run_that_waits_can_be_terminated_or_cancelled_and_frees_no_place_it_did_not_hold()
    {
        await using var engine = await EngineCluster.StartAsync(configure: options => options.MaxConcurrentRunsPerHost = 1);
        var running = await engine.StartAsync(WaitingPlan);
        var terminated = await engine.StartAsync(WaitingPlan);
        var cancelled = await engine.StartAsync(WaitingPlan);
        var last = await engine.StartAsync(WaitingPlan);

        Assert.Equal(ControlResult.Accepted, await engine.Client.TerminateAsync(terminated, "not needed"));
        Assert.Equal(ControlResult.Accepted, await engine.Client.RaiseEventAsync(cancelled, "cancel", null));

        Assert.Equal(RuntimeStatus.Terminated, (await engine.WaitForEndAsync(terminated)).RuntimeStatus);
        Assert.Equal(RuntimeStatus.Canceled, (await engine.WaitForEndAsync(cancelled)).RuntimeStatus);
        Assert.Equal(RuntimeStatus.Running, (await engine.Client.GetStatusAsync(running))!.RuntimeStatus);
        Assert.Equal(RuntimeStatus.Pending, (await engine.Client.GetStatusAsync(last))!.RuntimeStatus);

        await engine.Client.RaiseEventAsync(running, "go", null);
        await engine.WaitForEndAsync(running);
        await engine.Client.RaiseEventAsync(last, "go", null);
        Assert.Equal(RuntimeStatus.Completed, (await engine.WaitForEndAsync(last)).RuntimeStatus);
    }

    private static async Task<RuntimeStatus[]> StatusesAsync(EngineCluster engine, IEnumerable<string> ids) =>
        await Task.WhenAll(ids.Select(async id => (await engine.Client.GetStatusAsync(id))!.RuntimeStatus));
}
