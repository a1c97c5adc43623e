using System.Diagnostics;
using Hangfire;
using Hangfire.InMemory;

namespace PlanFunctions.Benchmarks.Engine.Scenarios;

/// <summary>
/// The same workloads on Hangfire 1.8 with its in-memory storage: a chain as a job and its continuations
/// (<c>ContinueJobWith</c>), and many concurrent 5-step chains. Timed from the first job created to the last one run.
/// </summary>
internal sealed class HangfireRuns : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private readonly InMemoryStorage storage = new(new InMemoryStorageOptions());
    private readonly BackgroundJobServer server;
    private readonly BackgroundJobClient client;

    public HangfireRuns()
    {
        // Hangfire's default worker count: five per core, at most 20.
        WorkerCount = Math.Min(Environment.ProcessorCount * 5, 20);
        server = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = WorkerCount, ServerName = "bench" }, storage);
        client = new BackgroundJobClient(storage);
    }

    public int WorkerCount { get; }

    public async Task<WorkloadResult> ChainsAsync(string workload, int runs, int steps)
    {
        var done = HangfireNoOpJob.Expect(runs * steps);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, runs), new ParallelOptions { MaxDegreeOfParallelism = 64 }, (run, _) =>
        {
            var previous = client.Enqueue(() => HangfireNoOpJob.Run(run, 0));
            for (var step = 1; step < steps; step++)
            {
                var position = step;
                previous = client.ContinueJobWith(previous, () => HangfireNoOpJob.Run(run, position));
            }

            return ValueTask.CompletedTask;
        });
        await done.WaitAsync(Timeout);
        clock.Stop();
        return new WorkloadResult(workload, "Hangfire (in memory)", runs, steps, clock.Elapsed);
    }

    public void Dispose()
    {
        server.SendStop();
        server.Dispose();
        storage.Dispose();
    }
}
