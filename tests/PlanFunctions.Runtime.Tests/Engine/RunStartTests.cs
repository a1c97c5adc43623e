using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Runtime.History;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Core.Control;

namespace PlanFunctions.Runtime.Tests.Engine;

/// <summary>
/// Starting a run: a new instance id is started without reading its (absent) history, and an instance id that has a
/// history is still refused while its run goes on and replaced once it has ended, even by a new activation.
/// </summary>
public sealed class RunStartTests
{
    private const string WaitingPlan = """{ "name": "first", "steps": [ { "id": "w", "tool": "waitForEvent", "parameters": { "eventName": "go" } } ] }""";
    private const string EchoPlan = """{ "name": "second", "steps": [ { "id": "e", "tool": "echo", "parameters": { "v": 2 } } ] }""";

    private readonly CountingRunHistoryStore _history = new();
    private readonly InMemoryInstanceStore _instances = new();

    [Fact]
    public async Task A_new_run_is_started_without_reading_its_history()
    {
        await using var engine = await StartEngineAsync();

        var id = await engine.StartAsync(EchoPlan);
        var status = await engine.WaitForEndAsync(id);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(0, _history.ReadsOf(id));
    }

    [Fact]
    public async Task A_new_activation_refuses_to_start_a_running_instance_id_and_the_run_goes_on()
    {
        string id;
        await using (var first = await StartEngineAsync())
        {
            id = await first.StartAsync(WaitingPlan);
        }

        // A new cluster on the same storage: the run's grain is activated by the start, not by a reminder.
        await using var second = await StartEngineAsync();
        var plan = second.Client.Validate(System.Text.Encoding.UTF8.GetBytes(EchoPlan)).Plan!;

        Assert.Equal(StartRunResult.Conflict, await second.Client.StartAsync(id, plan));
        Assert.Equal(ControlResult.Accepted, await second.Client.RaiseEventAsync(id, "go", null));
        var status = await second.WaitForEndAsync(id);
        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal("first", status.Name);
        Assert.Single(await _history.ReadAsync(id), e => e is RunStarted);
    }

    [Fact]
    public async Task A_new_activation_replaces_an_ended_run_started_again_under_its_instance_id()
    {
        string id;
        await using (var first = await StartEngineAsync())
        {
            id = await first.StartAsync(WaitingPlan);
            await first.Client.TerminateAsync(id, "done with it");
            await first.WaitForEndAsync(id);
        }

        await using var second = await StartEngineAsync();
        await second.StartAsync(EchoPlan, id);
        var status = await second.WaitForEndAsync(id);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal("second", status.Name);
        var history = await _history.ReadAsync(id);
        Assert.Single(history, e => e is RunStarted);
        Assert.DoesNotContain(history, e => e is TerminateRequested);
    }

    private Task<EngineCluster> StartEngineAsync() => EngineCluster.StartAsync(storage: silo =>
    {
        silo.Services.AddSingleton<IRunHistoryStore>(_history);
        silo.Services.AddSingleton<IInstanceStore>(_instances);
        silo.UsePlanFunctionsInMemoryStorage();
    });

    /// <summary>The in-memory history, counting the reads of each run's history.</summary>
    private sealed class CountingRunHistoryStore : IRunHistoryStore
    {
        private readonly InMemoryRunHistoryStore _inner = new();
        private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

        public int ReadsOf(string instanceId) => _reads.GetValueOrDefault(instanceId);

        public Task<IReadOnlyList<RunEvent>> ReadAsync(string instanceId, CancellationToken cancellationToken = default)
        {
            _reads.AddOrUpdate(instanceId, 1, (_, n) => n + 1);
            return _inner.ReadAsync(instanceId, cancellationToken);
        }

        public Task AppendAsync(string instanceId, int expectedCount, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken = default) =>
            _inner.AppendAsync(instanceId, expectedCount, events, cancellationToken);

        public Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default) =>
            _inner.DeleteAsync(instanceId, cancellationToken);
    }
}
