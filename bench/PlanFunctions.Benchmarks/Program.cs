using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PlanFunctions.Benchmarks;

// --quick: a short in-process run (about a minute) for a first look; without it, BenchmarkDotNet's default job.
var quick = args.Contains("--quick", StringComparer.Ordinal);
var job = quick
    ? Job.ShortRun.WithWarmupCount(2).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance)
    : Job.Default;
var config = DefaultConfig.Instance
    .AddJob(job.AsDefault())
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(PerEventColumn.NanosecondsPerEvent, PerEventColumn.RatioToBaseline)
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(PerEventColumn).Assembly).Run([.. args.Where(a => a != "--quick")], config);
return 0;
