using Microsoft.DurableTask;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Statistics;
using PlanFunctions.Tools.Telemetry;

namespace PlanFunctions.DurableTask.Orchestration;

/// <summary>
/// The metrics and the run span of one generation of a <c>RunPlan</c> orchestration, replay-safe: the orchestrator
/// re-runs its code from the start at every turn, so what its events count is recorded only where the events are new
/// (<see cref="TaskOrchestrationContext.IsReplaying"/> false), once per event; events replayed, or carried over by
/// <c>ContinueAsNew</c>, were recorded when they were first decided. The same instruments as the Orleans engine.
/// </summary>
internal sealed class RunTelemetry
{
    private readonly TaskOrchestrationContext _context;
    private int _recorded;
    private string? _traceParent;

    /// <param name="context">The orchestration's context.</param>
    /// <param name="carriedOver">How many events the generation started with (recorded by an earlier generation).</param>
    public RunTelemetry(TaskOrchestrationContext context, int carriedOver)
    {
        _context = context;
        _recorded = carriedOver;
    }

    /// <summary>The run's trace context as a W3C <c>traceparent</c>, carried to each step attempt (see <see cref="RunTrace"/>).</summary>
    public string TraceParentOf(PlanRun run) => _traceParent ??= RunTrace.TraceParentOf(_context.InstanceId, run.CreatedTime);

    /// <summary>Records what the events past the last observed one count, unless they are being replayed.</summary>
    public void Observe(PlanRun run, IReadOnlyList<RunEvent> events)
    {
        if (events.Count <= _recorded)
        {
            return;
        }

        var from = _recorded;
        _recorded = events.Count;
        if (_context.IsReplaying)
        {
            return;
        }

        var fresh = new RunEvent[events.Count - from];
        for (var i = from; i < events.Count; i++)
        {
            fresh[i - from] = events[i];
        }

        if (fresh.Any(e => e is RunStarted))
        {
            PlanFunctionsTelemetry.RunsStarted.Add(1);
        }

        var steps = RunStatistics.CountSteps(run, fresh);
        if (steps.Count > 0)
        {
            PlanFunctionsTelemetry.RecordSteps(steps);
        }

        if (run.IsEnded)
        {
            PlanFunctionsTelemetry.RecordRunEnded(run.RuntimeStatus, (run.LastUpdatedTime - run.CreatedTime).TotalSeconds);
            RunTrace.RecordRun(run);
        }
    }
}
