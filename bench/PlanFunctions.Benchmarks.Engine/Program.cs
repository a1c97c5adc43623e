using System.Diagnostics;
using PlanFunctions.Benchmarks.Engine;
using PlanFunctions.Benchmarks.Engine.Engine;
using PlanFunctions.Benchmarks.Engine.Report;
using PlanFunctions.Benchmarks.Engine.Scenarios;
using PlanFunctions.TestSupport;

// --quick: the in-memory workloads at the issue's sizes, smaller Azurite workloads and shorter timings (about a minute).
var quick = args.Contains("--quick", StringComparer.Ordinal);

// --profile <chain|fan-out|concurrent> [memory|azurite]: repeat one workload for a profiler (dotnet-trace), write nothing.
var profileAt = Array.IndexOf(args, "--profile");
if (profileAt >= 0)
{
    return await Profiling.RunAsync(args.Skip(profileAt + 1).ToArray());
}

// --durable [--repeat N] [--only <workload name part>]: the Durable Task engine against a hand-written Durable Task
// orchestrator and the Orleans engine, on one Azurite; writes its own section of docs/benchmarks.md.
if (args.Contains("--durable", StringComparer.Ordinal))
{
    var repeatAt = Array.IndexOf(args, "--repeat");
    var repetitions = repeatAt >= 0 ? int.Parse(args[repeatAt + 1], System.Globalization.CultureInfo.InvariantCulture) : 1;
    var onlyAt = Array.IndexOf(args, "--only");
    var workloads = PlanFunctions.Benchmarks.Engine.Durable.DurableWorkload.All
        .Where(w => onlyAt < 0 || w.Name.Contains(args[onlyAt + 1], StringComparison.OrdinalIgnoreCase))
        .ToList();
    var machine = MachineInfo.Read();
    Console.WriteLine($"Durable Task comparison, {machine.Cores} cores, load average {machine.LoadAverage ?? "?"}");
    var clock = Stopwatch.StartNew();
    var compared = await PlanFunctions.Benchmarks.Engine.Durable.DurableComparison.RunAsync(repetitions, workloads, Console.WriteLine);
    var section = PlanFunctions.Benchmarks.Engine.Durable.DurableReport.Render(
        compared, machine, MachineInfo.LoadAverageNow(), clock.Elapsed, repetitions,
        "dotnet run -c Release --project bench/PlanFunctions.Benchmarks.Engine -- --durable" + (repetitions == 1 ? string.Empty : $" --repeat {repetitions}"));
    Console.WriteLine();
    Console.WriteLine(section);
    if (onlyAt < 0)
    {
        var root = RepositoryRoot();
        PlanFunctions.Benchmarks.Engine.Durable.DurableReport.WriteInto(Path.Combine(root, "docs", "benchmarks.md"), section);
        PlanFunctions.Benchmarks.Engine.Durable.DurableReport.Chart(compared, machine.Cores, Path.Combine(root, "docs", "benchmarks", "durable.png"));
        Console.WriteLine("Written to docs/benchmarks.md and docs/benchmarks/durable.png");
    }

    return 0;
}

var sizes = quick ? BenchSizes.Quick : BenchSizes.Full;
var results = new BenchResults
{
    Sizes = sizes,
    Machine = MachineInfo.Read(),
    Started = DateTimeOffset.UtcNow,
    Command = "dotnet run -c Release --project bench/PlanFunctions.Benchmarks.Engine" + (quick ? " -- --quick" : string.Empty),
};
var total = Stopwatch.StartNew();
Console.WriteLine($"PlanFunctions engine benchmarks ({sizes.Name}), {results.Machine.Cores} cores, load average {results.Machine.LoadAverage ?? "?"}");

await using (var host = await EngineHost.StartAsync(1, EngineStorage.Memory))
{
    await WarmUpAsync(host, "memory", TimeSpan.FromSeconds(sizes.WarmUpSeconds), sizes.ChainSteps, sizes.FanOutSteps, sizes.ConcurrentRuns);
    results.DirectCalls = await DirectCalls.TimeAsync(sizes.ChainSteps, Math.Max(3, sizes.Repetitions));
    Report($"direct calls of the tool: {sizes.ChainSteps} in {results.DirectCalls.TotalMilliseconds:0.000} ms");

    results.EmptyGrainCall = await host.TimeEmptyGrainCallAsync(sizes.ChainSteps);
    Report($"empty grain call: {results.EmptyGrainCall.TotalMicroseconds:0} µs");

    // The grain calls of a step are counted in a run of their own: counting costs an allocation per call.
    host.Calls.Enabled = true;
    var callsBefore = host.Calls.Snapshot();
    await Workloads.RunAsync(host, "chain", "engine (memory), calls counted", EnginePlans.Chain(sizes.ChainSteps), 1);
    results.ChainCalls = Difference(host.Calls.Snapshot(), callsBefore, 1);
    host.Calls.Enabled = false;
    results.MemoryChain = await Workloads.MedianAsync(sizes.FastRepetitions, () =>
        Workloads.RunAsync(host, "chain", "engine (memory)", EnginePlans.Chain(sizes.ChainSteps), 1));
    Report(results.MemoryChain);
    results.MemoryFanOut = await Workloads.MedianAsync(sizes.FastRepetitions, () =>
        Workloads.RunAsync(host, "fan-out", "engine (memory)", EnginePlans.FanOut(sizes.FanOutSteps), 1));
    Report(results.MemoryFanOut);
    results.MemoryConcurrent = await Workloads.MedianAsync(sizes.Repetitions, () =>
        Workloads.RunAsync(host, "concurrent runs", "engine (memory)", EnginePlans.Chain(BenchSizes.StepsPerSmallRun), sizes.ConcurrentRuns));
    Report(results.MemoryConcurrent);

    results.Status = await StatusUnderLoad.MeasureAsync(host, sizes.StatusActiveRuns, TimeSpan.FromSeconds(sizes.StatusSeconds));
    Report($"status query: alone p50 {results.Status.Alone.P50:0.00} ms p99 {results.Status.Alone.P99:0.00} ms; "
        + $"with {results.Status.ActiveRuns} busy runs p50 {results.Status.Loaded.P50:0.00} ms p99 {results.Status.Loaded.P99:0.00} ms");

    // Hangfire and the engine in alternating pairs, both alive in this process: this VM's speed drifts by 10-20 %
    // within minutes, and a ratio of two measurements taken side by side is steadier than one of two medians taken apart.
    using var hangfire = new HangfireRuns();
    results.HangfireWorkers = hangfire.WorkerCount;
    var hangfireWarmUp = Stopwatch.StartNew();
    do
    {
        // As for the engine: Hangfire's code optimised by the JIT before it is measured.
        await hangfire.ChainsAsync("warm-up", 1, sizes.ChainSteps);
        await hangfire.ChainsAsync("warm-up", sizes.ConcurrentRuns, BenchSizes.StepsPerSmallRun);
    }
    while (hangfireWarmUp.Elapsed < TimeSpan.FromSeconds(sizes.WarmUpSeconds));

    results.HangfireChainPairs = await PairedAsync(Math.Max(3, sizes.FastRepetitions),
        () => Workloads.RunAsync(host, "chain", "engine (memory)", EnginePlans.Chain(sizes.ChainSteps), 1),
        () => hangfire.ChainsAsync("chain", 1, sizes.ChainSteps));
    results.HangfireConcurrentPairs = await PairedAsync(Math.Max(3, sizes.Repetitions),
        () => Workloads.RunAsync(host, "concurrent runs", "engine (memory)", EnginePlans.Chain(BenchSizes.StepsPerSmallRun), sizes.ConcurrentRuns),
        () => hangfire.ChainsAsync("concurrent runs", sizes.ConcurrentRuns, BenchSizes.StepsPerSmallRun));
    results.HangfireChain = Median(results.HangfireChainPairs.Select(p => p.Hangfire));
    results.HangfireConcurrent = Median(results.HangfireConcurrentPairs.Select(p => p.Hangfire));
    Report(results.HangfireChain);
    Report(results.HangfireConcurrent);
}

foreach (var silos in new[] { 1, 2, 3 })
{
    await using var host = await EngineHost.StartAsync(silos, EngineStorage.Memory);
    await WarmUpAsync(host, $"{silos} silos", TimeSpan.Zero, 50, sizes.FanOutSteps, 50);
    var fanOut = await Workloads.MedianAsync(sizes.FastRepetitions, () =>
        Workloads.RunAsync(host, "fan-out", $"engine, {silos} silo{(silos == 1 ? string.Empty : "s")}", EnginePlans.FanOut(sizes.FanOutSteps), 1));
    results.Scale.Add(new ScaleResult(silos, fanOut));
    Report(fanOut);
}

var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
try
{
    using var http = new HttpRequestCounter(azurite.Port);
    // Warmed on tables of its own; then each workload on fresh tables, as the raw writes below: Azurite slows down as a
    // table grows (it keeps each table's index as a sorted array), so what one workload left would slow the next.
    await using (var warm = await EngineHost.StartAsync(1, EngineStorage.Azurite, azurite.CreateOptions()))
    {
        await WarmUpAsync(warm, "Azurite", TimeSpan.FromSeconds(sizes.WarmUpSeconds / 2), sizes.AzuriteChainSteps, sizes.AzuriteFanOutSteps, sizes.AzuriteConcurrentRuns);
    }

    results.AzuriteChain = await OnFreshTablesAsync(azurite, host => Workloads.MedianAsync(sizes.FastRepetitions, () =>
        Workloads.RunAsync(host, "chain", "engine (Azurite)", EnginePlans.Chain(sizes.AzuriteChainSteps), 1, http)));
    Report(results.AzuriteChain);
    results.AzuriteFanOut = await OnFreshTablesAsync(azurite, host => Workloads.MedianAsync(sizes.FastRepetitions, () =>
        Workloads.RunAsync(host, "fan-out", "engine (Azurite)", EnginePlans.FanOut(sizes.AzuriteFanOutSteps), 1, http)));
    Report(results.AzuriteFanOut);
    results.AzuriteConcurrent = await OnFreshTablesAsync(azurite, host => Workloads.MedianAsync(sizes.Repetitions, () =>
        Workloads.RunAsync(host, "concurrent runs", "engine (Azurite)", EnginePlans.Chain(BenchSizes.StepsPerSmallRun), sizes.AzuriteConcurrentRuns, http)));
    Report(results.AzuriteConcurrent);

    results.RawWritesOne = await RawWrites.MeasureAsync(azurite.ConnectionString, TimeSpan.FromSeconds(sizes.RawWriteSeconds), 1);
    Report($"Azurite raw writes: {results.RawWritesOne.WritesPerSecond:0} /s (1 writer)");
    results.RawWrites = await RawWrites.MeasureAsync(azurite.ConnectionString, TimeSpan.FromSeconds(sizes.RawWriteSeconds), 64);
    Report($"Azurite raw writes: {results.RawWrites.WritesPerSecond:0} /s ({results.RawWrites.Writers} writers)");
}
finally
{
    await azurite.DisposeAsync();
}

total.Stop();
results.Took = total.Elapsed;
results.LoadAverageAtEnd = MachineInfo.LoadAverageNow();

var markdown = MarkdownReport.Render(results);
Console.WriteLine();
Console.WriteLine(markdown);
var repository = RepositoryRoot();
MarkdownReport.WriteInto(Path.Combine(repository, "docs", "benchmarks.md"), markdown);
Charts.Write(results, Path.Combine(repository, "docs", "benchmarks"));
Console.WriteLine($"Written to {Path.Combine(repository, "docs", "benchmarks.md")} and docs/benchmarks/*.png");
return 0;

static async Task<WorkloadResult> OnFreshTablesAsync(AzuriteFixture azurite, Func<EngineHost, Task<WorkloadResult>> measure)
{
    await using var host = await EngineHost.StartAsync(1, EngineStorage.Azurite, azurite.CreateOptions());

    // Creates the tables and activates the statistics shards; the JIT is warm from the host before.
    await Workloads.RunAsync(host, "warm-up", "Azurite", EnginePlans.Chain(BenchSizes.StepsPerSmallRun), 20);
    return await measure(host);
}

static async Task<List<PairedResult>> PairedAsync(int pairs, Func<Task<WorkloadResult>> engine, Func<Task<WorkloadResult>> hangfire)
{
    var results = new List<PairedResult>();
    for (var i = 0; i < pairs; i++)
    {
        // Alternating which goes first cancels a steady drift of the machine's speed.
        WorkloadResult e, h;
        if (i % 2 == 0)
        {
            e = await engine();
            h = await hangfire();
        }
        else
        {
            h = await hangfire();
            e = await engine();
        }

        results.Add(new PairedResult(e, h));
        Console.WriteLine($"pair {i + 1}: engine {e.StepsPerSecond:0} steps/s, Hangfire {h.StepsPerSecond:0} steps/s ({e.Workload}): {e.StepsPerSecond / h.StepsPerSecond:0.00}x");
    }

    return results;
}

static WorkloadResult Median(IEnumerable<WorkloadResult> results)
{
    var sorted = results.OrderBy(r => r.Elapsed).ToList();
    return sorted[sorted.Count / 2];
}

static async Task WarmUpAsync(EngineHost host, string what, TimeSpan atLeast, int chainSteps, int fanOutSteps, int concurrentRuns)
{
    // The first runs pay for grain activation and table creation, and run on code the JIT has not optimised yet: .NET
    // compiles hot methods again, with what it saw (tiered compilation, dynamic PGO), only once the process has run
    // them for a while. A few small warm-up runs left the first measurements 2-4x slower than the same workload later
    // in the same process (checked with DOTNET_TieredCompilation=0, where they are not). So each workload runs at its
    // measured size, over and over for a while, before anything is measured.
    var clock = Stopwatch.StartNew();
    do
    {
        await Workloads.RunAsync(host, "warm-up", what, EnginePlans.Chain(chainSteps), 1);
        await Workloads.RunAsync(host, "warm-up", what, EnginePlans.FanOut(fanOutSteps), 1);
        await Workloads.RunAsync(host, "warm-up", what, EnginePlans.Chain(BenchSizes.StepsPerSmallRun), concurrentRuns);
    }
    while (clock.Elapsed < atLeast);
}

static void Report(object line) => Console.WriteLine(line is WorkloadResult w
    ? $"{w.System,-22} {w.Workload,-16} {w.Runs,5} x {w.StepsPerRun,-5} {w.Elapsed.TotalMilliseconds,10:0.0} ms {w.StepsPerSecond,10:0} steps/s {w.RunsPerSecond,9:0.0} runs/s"
    : line.ToString());

static Dictionary<string, (long Count, TimeSpan Time)> Difference(
    IReadOnlyDictionary<string, (long Count, TimeSpan Time)> after, IReadOnlyDictionary<string, (long Count, TimeSpan Time)> before, int repetitions) =>
    after.ToDictionary(
        a => a.Key,
        a =>
        {
            var b = before.GetValueOrDefault(a.Key);
            return ((a.Value.Count - b.Count) / repetitions, (a.Value.Time - b.Time) / repetitions);
        },
        StringComparer.Ordinal);

static string RepositoryRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "PlanFunctions.sln")))
        {
            return folder.FullName;
        }
    }

    throw new InvalidOperationException($"PlanFunctions.sln not found above {AppContext.BaseDirectory}: run the harness from the repository.");
}
