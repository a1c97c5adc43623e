using System.Diagnostics;
using PlanFunctions.Benchmarks.Engine.Engine;
using PlanFunctions.TestSupport;

namespace PlanFunctions.Benchmarks.Engine.Durable;

/// <summary>
/// The Durable Task engine against a hand-written Durable Task orchestrator of the same shape and against the Orleans
/// engine, all three on one Azurite (blob, queue and table), each on a task hub of its own, workload by workload with
/// the three systems side by side, so that the machine's drift touches them alike.
/// </summary>
internal static class DurableComparison
{
    private const int StartsInFlight = 64;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<List<DurableResult>> RunAsync(int repetitions, IReadOnlyList<DurableWorkload> workloads, Action<string> report)
    {
        var azurite = new FullAzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var endpoints = azurite.ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Where(p => p.Contains("Endpoint=", StringComparison.Ordinal))
                .Select(p => new Uri(p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..]).Port)
                .ToArray();
            using var http = new HttpRequestCounter(endpoints);
            using var ends = new RunEnds();
            var suffix = Guid.NewGuid().ToString("N")[..8];
            await using var hand = await HandWrittenSystem.StartAsync(azurite.ConnectionString, "hand" + suffix);
            await using var engine = await DurableEngineSystem.StartAsync(azurite.ConnectionString, "engine" + suffix);
            await using var orleans = await OrleansSystem.StartAsync(azurite.ConnectionString, "orleans" + suffix);
            IComparedSystem[] systems = [hand, engine, orleans];

            // Warm-up: the JIT, the task hubs' queues and tables, the partitions' leases.
            foreach (var system in systems)
            {
                await MeasureAsync(system, new DurableWorkload("warm-up", DurableShape.Chain, 5, 20), http, ends);
                await MeasureAsync(system, new DurableWorkload("warm-up", DurableShape.FanOut, 52, 1), http, ends);
            }

            var results = new List<DurableResult>();
            foreach (var workload in workloads)
            {
                foreach (var system in systems)
                {
                    var runs = new List<DurableResult>();
                    for (var i = 0; i < repetitions; i++)
                    {
                        runs.Add(await MeasureAsync(system, workload, http, ends));
                    }

                    var median = runs.OrderBy(r => r.Elapsed ?? TimeSpan.MaxValue).ElementAt(runs.Count / 2);
                    results.Add(median);
                    report($"{median.Workload,-28} {median.System,-26} {Describe(median)}");
                }
            }

            return results;
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static string Describe(DurableResult r) => r.Elapsed is { } e
        ? $"{e.TotalMilliseconds,9:N0} ms {r.StepsPerSecond,9:N1} steps/s {r.RequestsPerStep,7:N1} requests/step {r.CpuMillisecondsPerStep,6:N2} CPU ms/step"
        : $"did not end within {Timeout.TotalMinutes:0} min";

    private static async Task<DurableResult> MeasureAsync(IComparedSystem system, DurableWorkload workload, HttpRequestCounter http, RunEnds ends)
    {
        // A run of one step first: after an idle spell the backend's queue polling has backed off (up to 30 s here),
        // which a busy production app does not see; the measurement starts with the system awake.
        var before = ends.Count;
        await system.StartAsync(DurableShape.Chain, 1);
        await ends.WaitAsync(before, 1, Timeout);

        var requestsBefore = http.Snapshot();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        before = ends.Count;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, workload.Runs),
            new ParallelOptions { MaxDegreeOfParallelism = StartsInFlight },
            async (_, _) => await system.StartAsync(workload.Shape, workload.StepsPerRun));
        TimeSpan? elapsed;
        try
        {
            await ends.WaitAsync(before, workload.Runs, Timeout);
            elapsed = clock.Elapsed;
        }
        catch (TimeoutException)
        {
            elapsed = null;
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var requestsAfter = http.Snapshot();
        var requests = requestsAfter.ToDictionary(a => a.Key, a => a.Value - requestsBefore.GetValueOrDefault(a.Key), StringComparer.Ordinal);
        return new DurableResult(workload.Name, system.Name, workload.Runs, workload.StepsPerRun, elapsed, requests, cpu);
    }
}
