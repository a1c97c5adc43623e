namespace PlanFunctions.Benchmarks.Engine.Durable;

/// <summary>One workload on one system: its time, the storage requests it sent (by HTTP method) and the CPU it took.</summary>
internal sealed record DurableResult(
    string Workload,
    string System,
    int Runs,
    int StepsPerRun,
    TimeSpan? Elapsed,
    IReadOnlyDictionary<string, long> Requests,
    TimeSpan Cpu)
{
    public int Steps => Runs * StepsPerRun;

    public double? StepsPerSecond => Elapsed is { } e ? Steps / e.TotalSeconds : null;

    public double RequestsPerStep => (double)Requests.Values.Sum() / Steps;

    public double CpuMillisecondsPerStep => Cpu.TotalMilliseconds / Steps;
}
