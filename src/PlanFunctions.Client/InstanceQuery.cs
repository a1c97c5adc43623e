using PlanFunctions.Core.Execution;

namespace PlanFunctions.Client;

/// <summary>A filter over the instance index, as Durable Functions' list-instances query has it.</summary>
public sealed record InstanceQuery
{
    /// <summary>Only runs with one of these statuses; empty for all.</summary>
    public IReadOnlyCollection<RuntimeStatus> RuntimeStatuses { get; init; } = [];

    /// <summary>Only runs created at or after this time.</summary>
    public DateTimeOffset? CreatedTimeFrom { get; init; }

    /// <summary>Only runs created at or before this time.</summary>
    public DateTimeOffset? CreatedTimeTo { get; init; }

    /// <summary>Only runs whose instance id starts with this.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>At most this many runs in one page.</summary>
    public int Top { get; init; } = 100;

    /// <summary>Where the previous page stopped, as it handed out.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Whether a run's record matches this query's filters (not its paging); every instance store uses it.</summary>
    public bool Matches(InstanceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (RuntimeStatuses.Count == 0 || RuntimeStatuses.Contains(record.RuntimeStatus))
            && (CreatedTimeFrom is not { } from || record.CreatedTime >= from)
            && (CreatedTimeTo is not { } to || record.CreatedTime <= to)
            && (InstanceIdPrefix is not { Length: > 0 } prefix || record.InstanceId.StartsWith(prefix, StringComparison.Ordinal));
    }
}
