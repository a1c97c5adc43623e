namespace PlanFunctions.Benchmarks.Engine.Engine;

/// <summary>The storage counters at one moment; subtract two to get what happened between them.</summary>
internal sealed record StorageSnapshot(
    long HistoryAppends,
    long HistoryEvents,
    long HistoryReads,
    TimeSpan HistoryTime,
    long InstanceUpserts,
    long InstanceReads,
    TimeSpan InstanceTime)
{
    public static StorageSnapshot operator -(StorageSnapshot after, StorageSnapshot before) => new(
        after.HistoryAppends - before.HistoryAppends,
        after.HistoryEvents - before.HistoryEvents,
        after.HistoryReads - before.HistoryReads,
        after.HistoryTime - before.HistoryTime,
        after.InstanceUpserts - before.InstanceUpserts,
        after.InstanceReads - before.InstanceReads,
        after.InstanceTime - before.InstanceTime);
}
