using PlanFunctions.Core.Execution;

namespace PlanFunctions.Core.Statistics;

/// <summary>Builds what an ended run tells the statistics, from the run's state, for every engine.</summary>
public static class RunEndedReports
{
    /// <summary>The report of an ended run: its status, its duration and its counters per tool.</summary>
    public static RunEndedReport Of(PlanRun run)
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

        return new RunEndedReport
        {
            InstanceId = run.InstanceId,
            RuntimeStatus = run.RuntimeStatus,
            DurationSeconds = Math.Max(0, (run.LastUpdatedTime - run.CreatedTime).TotalSeconds),
            Tools = tools,
        };
    }

    /// <summary>Adds an ended run's counters to a set of counters (its status, duration and tools; not the active count).</summary>
    public static ExecutionStatistics Count(ExecutionStatistics statistics, RunEndedReport report)
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
}
