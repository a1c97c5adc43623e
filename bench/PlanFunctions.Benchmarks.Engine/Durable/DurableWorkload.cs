namespace PlanFunctions.Benchmarks.Engine.Durable;

/// <summary>A workload of the comparison: <paramref name="Runs"/> runs of a shape at once.</summary>
internal sealed record DurableWorkload(string Name, DurableShape Shape, int StepsPerRun, int Runs)
{
    /// <summary>The workloads; a fan-out of n parallel steps has a root and a join, n + 2 steps in all.</summary>
    public static IReadOnlyList<DurableWorkload> All { get; } =
    [
        new("100-step chain", DurableShape.Chain, 100, 1),
        new("1,000-step chain", DurableShape.Chain, 1_000, 1),
        new("100-way fan-out and join", DurableShape.FanOut, 102, 1),
        new("1,000-way fan-out and join", DurableShape.FanOut, 1_002, 1),
        new("100 concurrent 5-step runs", DurableShape.Chain, 5, 100),
    ];
}
