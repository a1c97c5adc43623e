using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace PlanFunctions.Benchmarks.Engine.Engine;

/// <summary>
/// Counts the grain calls each silo receives, by interface and method, with the time spent in them (inclusive of what
/// they await): where a step's time goes, without a profiler.
/// </summary>
internal sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    // Keyed by the method itself so that counting allocates nothing per call; named when read.
    private readonly ConcurrentDictionary<MethodInfo, CallTotals> calls = new();

    /// <summary>Whether calls are counted; off, the filter only passes calls on (it costs an allocation per call).</summary>
    public bool Enabled { get; set; }

    public Task Invoke(IIncomingGrainCallContext context) => Enabled ? InvokeCountedAsync(context) : context.Invoke();

    private async Task InvokeCountedAsync(IIncomingGrainCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await context.Invoke();
        }
        finally
        {
            var totals = calls.GetOrAdd(context.InterfaceMethod, static method => new CallTotals($"{method.DeclaringType?.Name}.{method.Name}"));
            totals.Add(Stopwatch.GetTimestamp() - started);
        }
    }

    /// <summary>Calls so far of the methods whose name ends with <paramref name="suffix"/>.</summary>
    public long Count(string suffix) =>
        calls.Values.Where(c => c.Name.EndsWith(suffix, StringComparison.Ordinal)).Sum(c => c.Read().Count);

    /// <summary>Calls so far: method, count, total time.</summary>
    public IReadOnlyDictionary<string, (long Count, TimeSpan Time)> Snapshot() =>
        calls.Values.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => (g.Sum(c => c.Read().Count), TimeSpan.FromTicks(g.Sum(c => c.Read().Time.Ticks))), StringComparer.Ordinal);

    private sealed class CallTotals(string name)
    {
        private long count;
        private long ticks;

        public string Name { get; } = name;

        public void Add(long elapsed)
        {
            Interlocked.Increment(ref count);
            Interlocked.Add(ref ticks, elapsed);
        }

        public (long Count, TimeSpan Time) Read() => (Interlocked.Read(ref count), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref ticks)));
    }
}
