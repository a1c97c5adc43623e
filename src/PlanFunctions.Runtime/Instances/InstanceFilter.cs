namespace PlanFunctions.Runtime.Instances;

/// <summary>Whether a record matches a query; shared by every instance store.</summary>
internal static class InstanceFilter
{
    public static bool Matches(InstanceQuery query, InstanceRecord record) =>
        (query.RuntimeStatuses.Count == 0 || query.RuntimeStatuses.Contains(record.RuntimeStatus))
        && (query.CreatedTimeFrom is not { } from || record.CreatedTime >= from)
        && (query.CreatedTimeTo is not { } to || record.CreatedTime <= to)
        && (query.InstanceIdPrefix is not { Length: > 0 } prefix || record.InstanceId.StartsWith(prefix, StringComparison.Ordinal));
}
