using System.Collections.Concurrent;
using System.Diagnostics;
using PlanFunctions.Benchmarks.Engine.Engine;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Benchmarks.Engine.Scenarios;

/// <summary>Runs a plan a number of times on the engine, all at once, and times it from the first start to the last end.</summary>
internal static class Workloads
{
    private const int StartsInFlight = 64;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<WorkloadResult> RunAsync(
        EngineHost host, string workload, string system, Plan plan, int runs, HttpRequestCounter? http = null)
    {
        var validated = host.Validate(plan);
        var storageBefore = host.Storage.Snapshot();
        var httpBefore = http?.Snapshot();
        var ends = new ConcurrentBag<Task>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, runs),
            new ParallelOptions { MaxDegreeOfParallelism = StartsInFlight },
            async (_, _) =>
            {
                var id = await host.StartAsync(validated);
                ends.Add(host.WaitForCompletedAsync(id, Timeout));
            });
        await Task.WhenAll(ends);
        clock.Stop();

        return new WorkloadResult(
            workload,
            system,
            runs,
            plan.Steps.Count,
            clock.Elapsed,
            host.Storage.Snapshot() - storageBefore,
            http is null ? null : Difference(http.Snapshot(), httpBefore!));
    }

    /// <summary>Repeats a workload and keeps the run of median time.</summary>
    public static async Task<WorkloadResult> MedianAsync(int repetitions, Func<Task<WorkloadResult>> measure)
    {
        var results = new List<WorkloadResult>();
        for (var i = 0; i < repetitions; i++)
        {
            results.Add(await measure());
        }

        return results.OrderBy(r => r.Elapsed).ElementAt(results.Count / 2);
    }

    private static Dictionary<string, long> Difference(IReadOnlyDictionary<string, long> after, IReadOnlyDictionary<string, long> before) =>
        after.ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key), StringComparer.Ordinal);
}
