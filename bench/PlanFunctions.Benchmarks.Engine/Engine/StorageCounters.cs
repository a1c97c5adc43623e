using System.Diagnostics;

namespace PlanFunctions.Benchmarks.Engine.Engine;

/// <summary>Calls the engine made to its history and instance stores, and the time it spent in them.</summary>
internal sealed class StorageCounters
{
    private long historyAppends;
    private long historyEvents;
    private long historyReads;
    private long historyTicks;
    private long instanceUpserts;
    private long instanceReads;
    private long instanceTicks;

    public StorageSnapshot Snapshot() => new(
        Interlocked.Read(ref historyAppends),
        Interlocked.Read(ref historyEvents),
        Interlocked.Read(ref historyReads),
        Stopwatch.GetElapsedTime(0, Interlocked.Read(ref historyTicks)),
        Interlocked.Read(ref instanceUpserts),
        Interlocked.Read(ref instanceReads),
        Stopwatch.GetElapsedTime(0, Interlocked.Read(ref instanceTicks)));

    public void HistoryAppended(int events, long started)
    {
        Interlocked.Increment(ref historyAppends);
        Interlocked.Add(ref historyEvents, events);
        Interlocked.Add(ref historyTicks, Stopwatch.GetTimestamp() - started);
    }

    public void HistoryRead(long started)
    {
        Interlocked.Increment(ref historyReads);
        Interlocked.Add(ref historyTicks, Stopwatch.GetTimestamp() - started);
    }

    public void InstanceUpserted(long started)
    {
        Interlocked.Increment(ref instanceUpserts);
        Interlocked.Add(ref instanceTicks, Stopwatch.GetTimestamp() - started);
    }

    public void InstanceRead(long started)
    {
        Interlocked.Increment(ref instanceReads);
        Interlocked.Add(ref instanceTicks, Stopwatch.GetTimestamp() - started);
    }
}
