namespace PlanFunctions.Core.Statistics;

/// <summary>Counters of one tool's steps.</summary>
public sealed record ToolStatistics
{
    /// <summary>Steps that ran at least once.</summary>
    public long Steps { get; init; }

    /// <summary>Attempts started after a first one.</summary>
    public long Retries { get; init; }

    /// <summary>Attempts that timed out.</summary>
    public long Timeouts { get; init; }

    /// <summary>Steps that finally failed.</summary>
    public long Failures { get; init; }

    /// <summary>Steps that were skipped.</summary>
    public long Skips { get; init; }

    /// <summary>The counters with their signs turned, to take them off by adding.</summary>
    public ToolStatistics Negate() => new()
    {
        Steps = -Steps,
        Retries = -Retries,
        Timeouts = -Timeouts,
        Failures = -Failures,
        Skips = -Skips,
    };

    /// <summary>Adds two sets of counters.</summary>
    public ToolStatistics Add(ToolStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new()
        {
            Steps = Steps + other.Steps,
            Retries = Retries + other.Retries,
            Timeouts = Timeouts + other.Timeouts,
            Failures = Failures + other.Failures,
            Skips = Skips + other.Skips,
        };
    }
}
