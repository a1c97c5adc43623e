using System.Diagnostics;
using PlanFunctions.Benchmarks.Engine.Engine;
using PlanFunctions.Core.Plans;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Core.Status;
using PlanFunctions.Client;

namespace PlanFunctions.Benchmarks.Engine.Scenarios;

/// <summary>
/// Times <c>PlanFunctionsClient.GetStatusAsync</c> from a few concurrent callers. Baseline: one active run that waits in
/// its first step (no load). Load: many runs of a chain of no-op steps of the same length, all stepping for the whole
/// measurement. Each is timed with the default query (the plan returned as input) and without the input. The runs
/// are terminated afterwards.
/// </summary>
internal static class StatusUnderLoad
{
    public const int Callers = 4;
    public const int StepsPerRun = 1_000;

    public static async Task<StatusResult> MeasureAsync(EngineHost host, int activeRuns, TimeSpan duration)
    {
        var half = duration / 2;
        var idle = await StartAsync(host, host.Validate(EnginePlans.WaitingChain(StepsPerRun)), 1);
        var alone = await QueryAsync(host, idle, half, new StatusQuery());
        var aloneWithoutInput = await QueryAsync(host, idle, half, new StatusQuery(ShowInput: false));
        await TerminateAsync(host, idle);

        var busy = await StartAsync(host, host.Validate(EnginePlans.Chain(StepsPerRun)), activeRuns);
        host.Calls.Enabled = true;
        var stepsBefore = host.Calls.Count(StepResultCall);
        var clock = Stopwatch.StartNew();
        var loaded = await QueryAsync(host, busy, half, new StatusQuery());
        var loadedWithoutInput = await QueryAsync(host, busy, half, new StatusQuery(ShowInput: false));
        var stepsPerSecond = (host.Calls.Count(StepResultCall) - stepsBefore) / clock.Elapsed.TotalSeconds;
        host.Calls.Enabled = false;
        var stillActive = busy.Count(id => !host.Ends.WhenEnded(id).IsCompleted);
        await TerminateAsync(host, busy);
        if (stillActive < busy.Length)
        {
            Console.WriteLine($"warning: only {stillActive} of {busy.Length} runs were still active at the end of the status measurement");
        }

        return new StatusResult(activeRuns, Callers, StepsPerRun, alone, loaded, aloneWithoutInput, loadedWithoutInput, stepsPerSecond);
    }

    private static async Task<string[]> StartAsync(EngineHost host, Plan plan, int runs)
    {
        var ids = new string[runs];
        await Parallel.ForEachAsync(Enumerable.Range(0, runs), new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (i, _) => ids[i] = await host.StartAsync(plan));
        return ids;
    }

    private static async Task<Latencies> QueryAsync(EngineHost host, string[] ids, TimeSpan duration, StatusQuery query)
    {
        var samples = new List<double>[Callers];
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(async caller =>
        {
            var mine = samples[caller] = [];
            var random = new Random(caller);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var id = ids[random.Next(ids.Length)];
                var started = Stopwatch.GetTimestamp();
                _ = await host.Client.GetStatusAsync(id, query) ?? throw new InvalidOperationException($"Run {id} has no status.");
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        return Latencies.Of([.. samples.SelectMany(s => s)]);
    }

    private static async Task TerminateAsync(EngineHost host, string[] ids)
    {
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (id, _) => await host.Client.TerminateAsync(id, "benchmark over"));
        await Task.WhenAll(ids.Select(host.Ends.WhenEnded)).WaitAsync(TimeSpan.FromMinutes(5));
    }

    /// <summary>The call each step result arrives with: counting it counts the steps the engine ended.</summary>
    private const string StepResultCall = "IPlanOrchestratorGrain.ReportStepResultAsync";
}
