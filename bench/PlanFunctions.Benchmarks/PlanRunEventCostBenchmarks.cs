using BenchmarkDotNet.Attributes;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Benchmarks;

/// <summary>
/// The cost of Apply + Decide per event: a whole run of instant successes, divided by its events (the
/// ns/event column). Flat cost per event means the ratio to the 100-step plan of the same shape stays near 1.
/// </summary>
public class PlanRunEventCostBenchmarks
{
    private Plan _plan = null!;

    [Params(100, 1_000, 10_000)]
    public int Steps { get; set; }

    [Params(PlanShape.Chain, PlanShape.FanOut)]
    public PlanShape Shape { get; set; }

    [GlobalSetup]
    public void Setup() => _plan = BenchmarkPlans.Build(Shape, Steps);

    /// <summary>One whole run; returns its event count so that nothing is optimised away.</summary>
    [Benchmark]
    public int DriveRun() => InstantRun.Drive(_plan);
}
