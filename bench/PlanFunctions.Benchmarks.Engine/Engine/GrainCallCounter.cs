using System.Collections.Concurrent;
using System.Diagnostics;

namespace PlanFunctions.Benchmarks.Engine.Engine;

/// <summary>
/// Counts the grain calls each silo receives, by interface and method, with the time spent in them (inclusive of what
/// they await): where a step's time goes, without a profiler.
/// </summary>
internal sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, CallTotals> calls = new(StringComparer.Ordinal);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await context.Invoke();
        }
        finally
        {
            var totals = calls.GetOrAdd($"{context.InterfaceName}.{context.MethodName}", static _ => new CallTotals());
            totals.Add(Stopwatch.GetTimestamp() - started);
        }
    }

    /// <summary>Calls so far of the methods whose name ends with <paramref name="suffix"/>.</summary>
    public long Count(string suffix) =>
        calls.Where(c => c.Key.EndsWith(suffix, StringComparison.Ordinal)).Sum(c => c.Value.Read().Count);

    /// <summary>Calls so far: method, count, total time.</summary>
    public IReadOnlyDictionary<string, (long Count, TimeSpan Time)> Snapshot() =>
        calls.ToDictionary(c => c.Key, c => c.Value.Read(), StringComparer.Ordinal);

    private sealed class CallTotals
    {
        private long count;
        private long ticks;

        public void Add(long elapsed)
        {
            Interlocked.Increment(ref count);
            Interlocked.Add(ref ticks, elapsed);
        }

        public (long Count, TimeSpan Time) Read() => (Interlocked.Read(ref count), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref ticks)));
    }
}
