namespace PlanFunctions.Benchmarks.Engine.Scenarios;

/// <summary>One workload on the engine and on Hangfire, measured one right after the other.</summary>
internal sealed record PairedResult(WorkloadResult Engine, WorkloadResult Hangfire)
{
    /// <summary>The engine's steps/s over Hangfire's in this pair.</summary>
    public double Ratio => Engine.StepsPerSecond / Hangfire.StepsPerSecond;
}
