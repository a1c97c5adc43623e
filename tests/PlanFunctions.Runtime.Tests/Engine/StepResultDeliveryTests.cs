using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Runtime.History;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Runtime.Orchestration;

namespace PlanFunctions.Runtime.Tests.Engine;

/// <summary>How a step result reaches the run: an activity may consider it delivered only once it is in the history.</summary>
public sealed class StepResultDeliveryTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_step_result_is_acknowledged_only_after_its_append_is_stored()
    {
        var history = new HeldRunHistoryStore();
        await using var engine = await EngineCluster.StartAsync(storage: silo =>
        {
            silo.Services.AddSingleton<IRunHistoryStore>(history);
            silo.Services.AddSingleton<IInstanceStore>(new InMemoryInstanceStore());
            silo.UsePlanFunctionsInMemoryStorage();
        });
        var id = await engine.StartAsync("""
            { "name": "ack", "steps": [ { "id": "a", "tool": "probe", "parameters": { "ms": -1 }, "timeoutSeconds": 600 } ] }
            """);
        await Eventually.TrueAsync(() => ProbeTool.IsRunning(id, "a"), Soon, "the tool did not start");

        history.Hold();
        using var output = JsonDocument.Parse("""{ "v": 1 }""");
        var report = engine.Cluster.Client.GetGrain<IPlanOrchestratorGrain>(id).ReportStepResultAsync(
            new StepResultReport { StepId = "a", Attempt = 1, Succeeded = true, Output = output.RootElement.Clone() });
        await history.AppendWaiting.WaitAsync(Soon);

        // A negative check: give a wrong early acknowledgement half a second to arrive (this waits for nothing that should happen).
        var acknowledged = await Task.WhenAny(report, Task.Delay(TimeSpan.FromMilliseconds(500))) == report;
        Assert.False(acknowledged, "the result was acknowledged while its append was not stored");
        Assert.DoesNotContain(await history.ReadAsync(id), e => e is StepSucceeded);

        history.Release();
        await report.WaitAsync(Soon);
        Assert.Contains(await history.ReadAsync(id), e => e is StepSucceeded { StepId: "a" });
        var status = await engine.WaitForEndAsync(id);
        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
    }

    /// <summary>The in-memory history, whose appends can be held back until the test releases them.</summary>
    private sealed class HeldRunHistoryStore : IRunHistoryStore
    {
        private readonly InMemoryRunHistoryStore _inner = new();
        private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource? _release;

        public Task AppendWaiting => _waiting.Task;

        public void Hold() => _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _release?.TrySetResult();

        public Task<IReadOnlyList<RunEvent>> ReadAsync(string instanceId, CancellationToken cancellationToken = default) =>
            _inner.ReadAsync(instanceId, cancellationToken);

        public async Task AppendAsync(string instanceId, int expectedCount, IReadOnlyList<RunEvent> events, CancellationToken cancellationToken = default)
        {
            if (_release is { } release)
            {
                _waiting.TrySetResult();
                await release.Task;
            }

            await _inner.AppendAsync(instanceId, expectedCount, events, cancellationToken);
        }

        public Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default) =>
            _inner.DeleteAsync(instanceId, cancellationToken);
    }
}
