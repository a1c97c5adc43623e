using PlanFunctions.Benchmarks.Engine.Engine;

namespace PlanFunctions.Benchmarks.Engine.Scenarios;

/// <summary>One timed workload: how many runs of how many steps, how long, and what storage it cost.</summary>
internal sealed record WorkloadResult(
    string Workload,
    string System,
    int Runs,
    int StepsPerRun,
    TimeSpan Elapsed,
    StorageSnapshot? Storage = null,
    IReadOnlyDictionary<string, long>? HttpRequests = null)
{
    public int Steps => Runs * StepsPerRun;

    public double StepsPerSecond => Steps / Elapsed.TotalSeconds;

    public double RunsPerSecond => Runs / Elapsed.TotalSeconds;

    public long HttpRequestCount => HttpRequests?.Values.Sum() ?? 0;
}
