namespace PlanFunctions.Benchmarks.Engine.Scenarios;

/// <summary>The fan-out's throughput with a number of silos.</summary>
internal sealed record ScaleResult(int Silos, WorkloadResult Workload);
