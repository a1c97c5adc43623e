using System.Text.Json;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Runtime.History;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Runtime.Tests.Engine;
using Xunit.Abstractions;
using PlanFunctions.Core.Status;
using PlanFunctions.Client;

namespace PlanFunctions.Runtime.Tests.Hardening;

/// <summary>
/// Storage faults (issue 7): while the history store refuses or times out, runs pause; once it answers again they
/// resume and complete, and their history holds every event once: one dispatch per attempt, one success per step.
/// </summary>
public sealed class StorageFaultTests(ITestOutputHelper output)
{
    private const int Runs = 10;
    private static readonly string[] StepIds = ["s1", "s2", "s3", "s4", "s5"];
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(30);

    private static readonly string ChainPlan = $$"""
        { "name": "chain", "steps": [
            { "id": "s1", "tool": "probe", "parameters": { "ms": 150 } },
            { "id": "s2", "tool": "probe", "dependsOn": ["s1"], "parameters": { "ms": 150 } },
            { "id": "s3", "tool": "probe", "dependsOn": ["s2"], "parameters": { "ms": 150 } },
            { "id": "s4", "tool": "probe", "dependsOn": ["s3"], "parameters": { "ms": 150 } },
            { "id": "s5", "tool": "probe", "dependsOn": ["s4"], "parameters": { "ms": 150 } } ] }
        """;

    [Theory]
    [InlineData(StorageFaultMode.Refuse)]
    [InlineData(StorageFaultMode.TimeOutAfterWriting)]
    public async Task Runs_pause_while_the_history_store_fails_and_resume_with_every_event_recorded_once(StorageFaultMode mode)
    {
        var stored = new InMemoryRunHistoryStore();
        var fault = new StorageFault();
        await using var engine = await HardeningEngine.StartAsync(Quick, history: new FaultyRunHistoryStore(stored, fault));
        var ids = await Task.WhenAll(Enumerable.Range(0, Runs).Select(_ => engine.StartAsync(ChainPlan)));
        await Eventually.TrueAsync(
            async () => (await Task.WhenAll(ids.Select(id => engine.Client.GetStatusAsync(id)))).All(s => s!.CustomStatus.CompletedSteps >= 1),
            Soon,
            "the runs did not get under way");

        fault.TurnOn(mode);
        await Eventually.TrueAsync(() => fault.Injected >= Runs, Soon, "the engine did not meet the fault");
        var paused = await SucceededStepsAsync(stored, ids);
        await Eventually.TrueAsync(() => fault.Injected >= 3 * Runs, Soon, "the engine did not keep trying");
        var stillPaused = await SucceededStepsAsync(stored, ids);
        output.WriteLine($"{mode}: {fault.Injected} faults injected; {paused} steps recorded as succeeded while paused, {stillPaused} later");
        Assert.True(paused < Runs * StepIds.Length, "every run had already ended when the fault came: it tested nothing");
        if (mode == StorageFaultMode.Refuse)
        {
            Assert.Equal(paused, stillPaused);
        }

        fault.TurnOff();

        var statuses = await Task.WhenAll(ids.Select(id => engine.WaitForEndAsync(id, TimeSpan.FromSeconds(60))));
        Assert.All(statuses, s => Assert.Equal(RuntimeStatus.Completed, s.RuntimeStatus));
        foreach (var id in ids)
        {
            var events = (await engine.Client.GetStatusAsync(id, new StatusQuery(ShowHistory: true, ShowInput: false)))!.HistoryEvents!;
            AssertEachEventOnce(id, events);
        }
    }

    [Fact]
    public async Task A_run_that_ends_while_the_instance_index_refuses_is_listed_with_its_final_status_once_the_index_answers()
    {
        var fault = new StorageFault();
        await using var engine = await HardeningEngine.StartAsync(Quick, instances: new FaultyInstanceStore(new InMemoryInstanceStore(), fault));
        var id = await engine.StartAsync("""{ "name": "index", "steps": [ { "id": "work", "tool": "probe", "parameters": { "ms": 1000 } } ] }""");
        await Eventually.TrueAsync(() => ProbeTool.IsRunning(id, "work"), Soon, "the step did not start");

        fault.TurnOn(StorageFaultMode.Refuse);
        var status = await engine.WaitForEndAsync(id, Soon);
        Assert.True(fault.Injected > 0, "the index was not written while it refused");
        fault.TurnOff();

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        await Eventually.TrueAsync(
            async () => (await engine.Client.ListAsync(new InstanceQuery { InstanceIdPrefix = id, RuntimeStatuses = [RuntimeStatus.Completed] })).Instances.Count == 1,
            Soon,
            "the index did not come to list the run as Completed");
    }

    private static void Quick(Hosting.PlanFunctionsRuntimeOptions options)
    {
        options.RunReminderPeriod = TimeSpan.FromSeconds(2);
        options.ActivityCheckInterval = TimeSpan.FromSeconds(1);
    }

    private static async Task<int> SucceededStepsAsync(IRunHistoryStore stored, IEnumerable<string> ids)
    {
        var total = 0;
        foreach (var id in ids)
        {
            total += (await stored.ReadAsync(id)).Count(e => e is StepSucceeded);
        }

        return total;
    }

    private static void AssertEachEventOnce(string id, IReadOnlyList<JsonElement> events)
    {
        static string TypeOf(JsonElement e) => e.GetProperty("eventType").GetString()!;
        var dispatched = events.Where(e => TypeOf(e) == "StepDispatched")
            .GroupBy(e => (Step: e.GetProperty("stepId").GetString(), Attempt: e.GetProperty("attempt").GetInt32()))
            .ToList();
        var succeeded = events.Where(e => TypeOf(e) == "StepSucceeded").GroupBy(e => e.GetProperty("stepId").GetString()).ToList();

        Assert.Single(events, e => TypeOf(e) == "RunStarted");
        Assert.Single(events, e => TypeOf(e) == "RunCompleted");
        Assert.All(dispatched, g => Assert.True(g.Count() == 1, $"run {id}: step {g.Key.Step} attempt {g.Key.Attempt} was dispatched {g.Count()} times"));
        Assert.Equal(StepIds, succeeded.Select(g => g.Key).Order(StringComparer.Ordinal));
        Assert.All(succeeded, g => Assert.True(g.Count() == 1, $"run {id}: step {g.Key} succeeded {g.Count()} times in the history"));
    }
}
