using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;

namespace PlanFunctions.Core.Statistics;

/// <summary>What a run adds to the engine's statistics and metrics; the engine only forwards it to its meters and entities.</summary>
public static class RunStatistics
{
    /// <summary>The counters an ended run adds per tool: steps run, retries, timeouts, failures and skips.</summary>
    public static Dictionary<string, ToolStatistics> ToolCounters(PlanRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var tools = new Dictionary<string, ToolStatistics>(StringComparer.Ordinal);
        foreach (var step in run.Plan.Steps)
        {
            var outcome = run.GetStep(step.Id);
            var counters = new ToolStatistics
            {
                Steps = outcome.Attempts > 0 ? 1 : 0,
                Retries = Math.Max(0, outcome.Attempts - 1),
                Timeouts = run.TimeoutsOf(step.Id),
                Failures = outcome.Status == StepStatus.Failed ? 1 : 0,
                Skips = outcome.Status == StepStatus.Skipped ? 1 : 0,
            };
            tools[step.Tool] = tools.TryGetValue(step.Tool, out var sum) ? sum.Add(counters) : counters;
        }

        return tools;
    }

    /// <summary>The report of an ended run to the statistics (idempotent on the instance id).</summary>
    public static RunEndedReport EndedReport(PlanRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunEndedReport
        {
            InstanceId = run.InstanceId,
            RuntimeStatus = run.RuntimeStatus,
            DurationSeconds = (run.LastUpdatedTime - run.CreatedTime).TotalSeconds,
            Tools = ToolCounters(run),
        };
    }

    /// <summary>Adds an ended run's counters to a set of counters (its status, duration and tools; not the active count).</summary>
    public static ExecutionStatistics AddEnded(ExecutionStatistics statistics, RunEndedReport report)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(report);
        return statistics.Add(new ExecutionStatistics
        {
            CompletedPlans = report.RuntimeStatus == RuntimeStatus.Completed ? 1 : 0,
            FailedPlans = report.RuntimeStatus == RuntimeStatus.Failed ? 1 : 0,
            CancelledPlans = report.RuntimeStatus == RuntimeStatus.Canceled ? 1 : 0,
            TerminatedPlans = report.RuntimeStatus == RuntimeStatus.Terminated ? 1 : 0,
            TotalDurationSeconds = report.DurationSeconds,
            Tools = report.Tools,
        });
    }

    /// <summary>
    /// Takes an ended run's counters off a set of counters: what a rewind does to the end it took back
    /// (<see cref="PlanRun.RewoundEnd"/>), so that the run counts once, as it ends at last.
    /// </summary>
    public static ExecutionStatistics RemoveEnded(ExecutionStatistics statistics, RunEndedReport report)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(report);
        var ended = AddEnded(new ExecutionStatistics(), report);
        return statistics.Add(new ExecutionStatistics
        {
            CompletedPlans = -ended.CompletedPlans,
            FailedPlans = -ended.FailedPlans,
            CancelledPlans = -ended.CancelledPlans,
            TerminatedPlans = -ended.TerminatedPlans,
            TotalDurationSeconds = -ended.TotalDurationSeconds,
            Tools = ended.Tools.ToDictionary(t => t.Key, t => t.Value.Negate(), StringComparer.Ordinal),
        });
    }

    /// <summary>
    /// What a batch of events counts, once it is stored and applied to <paramref name="run"/>, each by its step's tool.
    /// A failed or timed-out attempt counts as a failed step only when no retry follows: what counts is where the batch
    /// left the step.
    /// </summary>
    public static IReadOnlyList<StepCount> CountSteps(PlanRun run, IReadOnlyList<RunEvent> events)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(events);
        List<StepCount>? counts = null;
        HashSet<string>? failing = null;
        void Add(StepMetric metric, string stepId) => (counts ??= []).Add(new StepCount(metric, run.ToolOf(stepId)));

        foreach (var e in events)
        {
            switch (e)
            {
                case StepDispatched dispatched:
                    Add(StepMetric.Dispatched, dispatched.StepId);
                    if (dispatched.Attempt > 1)
                    {
                        Add(StepMetric.Retried, dispatched.StepId);
                    }

                    break;
                case StepTimedOut timedOut:
                    Add(StepMetric.TimedOut, timedOut.StepId);
                    (failing ??= new(StringComparer.Ordinal)).Add(timedOut.StepId);
                    break;
                case StepFailed failed:
                    (failing ??= new(StringComparer.Ordinal)).Add(failed.StepId);
                    break;
                case StepSkipped skipped:
                    Add(StepMetric.Skipped, skipped.StepId);
                    break;
            }
        }

        foreach (var stepId in failing ?? [])
        {
            if (run.GetStep(stepId).Status == StepStatus.Failed)
            {
                Add(StepMetric.Failed, stepId);
            }
        }

        return (IReadOnlyList<StepCount>?)counts ?? [];
    }
}
