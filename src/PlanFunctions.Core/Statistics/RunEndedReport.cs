using PlanFunctions.Core.Execution;

namespace PlanFunctions.Core.Statistics;

/// <summary>What a run tells the statistics when it ends.</summary>
public sealed record RunEndedReport
{
    /// <summary>The run.</summary>
    public required string InstanceId { get; init; }

    /// <summary>How it ended.</summary>
    public required RuntimeStatus RuntimeStatus { get; init; }

    /// <summary>From start to end, in seconds.</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>Per tool: attempts, retries, timeouts, failures and skips.</summary>
    public required IReadOnlyDictionary<string, ToolStatistics> Tools { get; init; }
}
