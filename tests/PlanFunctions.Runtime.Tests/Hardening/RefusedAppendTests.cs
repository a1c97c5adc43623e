using System.Text.Json;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.History;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Runtime.Tests.Engine;

namespace PlanFunctions.Runtime.Tests.Hardening;

/// <summary>
/// A refused history append leaves the activation behind storage until it is collected. A status read, which
/// interleaves with everything, waiting meanwhile for the activation's first load must still find the run (issue 11:
/// it answered as if the run did not exist, a 404 for a run under way).
/// </summary>
public sealed class RefusedAppendTests
{
    private const string WaitingPlan = """{ "name": "waiting", "steps": [ { "id": "w", "tool": "waitForEvent", "parameters": { "eventName": "go" } } ] }""";
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_status_read_queued_behind_a_refused_append_finds_the_run_and_the_run_goes_on_once_storage_answers()
    {
        var stored = new InMemoryRunHistoryStore();
        var instances = new InMemoryInstanceStore();
        string id;
        await using (var first = await HardeningEngine.StartAsync(Quick, history: stored, instances: instances))
        {
            id = await first.StartAsync(WaitingPlan);
        }

        // A host that starts on the same storage activates the run afresh: its first call reads the history.
        var fault = new StorageFault();
        var history = new HeldRunHistoryStore(new FaultyRunHistoryStore(stored, fault));
        await using var engine = await HardeningEngine.StartAsync(Quick, history: history, instances: instances);
        history.Reads.Hold();
        var control = engine.Client.RaiseEventAsync(id, "unrelated", null);
        await Eventually.TrueAsync(() => history.Reads.Waiting > 0, Soon, "the control call did not load the run");
        var read = engine.Client.GetStatusAsync(id);
        history.Appends.Hold();
        history.Reads.Release();
        await Eventually.TrueAsync(() => history.Appends.Waiting > 0, Soon, "the control call did not append its event");
        Assert.False(read.IsCompleted, "the status read did not wait for the run's first load, so it tests nothing");

        fault.TurnOn(StorageFaultMode.Refuse);
        history.Reads.Hold();
        history.Appends.Release();
        await Assert.ThrowsAnyAsync<Exception>(() => control);

        // The status read answers from what is stored, once storage answers again.
        await Eventually.TrueAsync(() => history.Reads.Waiting > 0, Soon, "the status read did not go to storage");
        fault.TurnOff();
        history.Reads.Release();
        var status = await read;

        Assert.NotNull(status);
        Assert.Equal(RuntimeStatus.Running, status.RuntimeStatus);
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    return await engine.Client.RaiseEventAsync(id, "go", JsonSerializer.SerializeToElement(1)) == ControlResult.Accepted;
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            },
            Soon,
            "the run did not take events again once storage answered");
        Assert.Equal(RuntimeStatus.Completed, (await engine.WaitForEndAsync(id, Soon)).RuntimeStatus);
    }

    private static void Quick(Hosting.PlanFunctionsRuntimeOptions options)
    {
        options.RunReminderPeriod = TimeSpan.FromSeconds(2);
        options.ActivityCheckInterval = TimeSpan.FromSeconds(1);
    }
}
