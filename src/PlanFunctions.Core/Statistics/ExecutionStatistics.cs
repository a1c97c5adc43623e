namespace PlanFunctions.Core.Statistics;

/// <summary>
/// The ExecutionStatistics entity's counters: runs active, started, and ended by status, the success rate, the
/// average duration, and per tool the retries, timeouts, failures and skips.
/// </summary>
public sealed record ExecutionStatistics
{
    /// <summary>Runs started and not ended.</summary>
    public long ActiveExecutions { get; init; }

    /// <summary>Runs started.</summary>
    public long TotalPlans { get; init; }

    /// <summary>Runs that ended Completed.</summary>
    public long CompletedPlans { get; init; }

    /// <summary>Runs that ended Failed.</summary>
    public long FailedPlans { get; init; }

    /// <summary>Runs that ended Canceled.</summary>
    public long CancelledPlans { get; init; }

    /// <summary>Runs that ended Terminated.</summary>
    public long TerminatedPlans { get; init; }

    /// <summary>Completed runs over ended runs, from 0 to 1; 0 before any run ended.</summary>
    public double SuccessRate => EndedPlans == 0 ? 0 : (double)CompletedPlans / EndedPlans;

    /// <summary>The average duration of ended runs, in seconds.</summary>
    public double AverageDurationSeconds => EndedPlans == 0 ? 0 : TotalDurationSeconds / EndedPlans;

    /// <summary>Runs that ended, however.</summary>
    public long EndedPlans => CompletedPlans + FailedPlans + CancelledPlans + TerminatedPlans;

    /// <summary>The sum of ended runs' durations, in seconds.</summary>
    public double TotalDurationSeconds { get; init; }

    /// <summary>Counters by tool.</summary>
    public IReadOnlyDictionary<string, ToolStatistics> Tools { get; init; } = new Dictionary<string, ToolStatistics>();

    /// <summary>Adds the counters of two shards.</summary>
    public ExecutionStatistics Add(ExecutionStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var tools = new Dictionary<string, ToolStatistics>(Tools, StringComparer.Ordinal);
        foreach (var (tool, counters) in other.Tools)
        {
            tools[tool] = tools.TryGetValue(tool, out var mine) ? mine.Add(counters) : counters;
        }

        return new()
        {
            ActiveExecutions = ActiveExecutions + other.ActiveExecutions,
            TotalPlans = TotalPlans + other.TotalPlans,
            CompletedPlans = CompletedPlans + other.CompletedPlans,
            FailedPlans = FailedPlans + other.FailedPlans,
            CancelledPlans = CancelledPlans + other.CancelledPlans,
            TerminatedPlans = TerminatedPlans + other.TerminatedPlans,
            TotalDurationSeconds = TotalDurationSeconds + other.TotalDurationSeconds,
            Tools = tools,
        };
    }
}
