namespace PlanFunctions.Benchmarks.Engine.Durable;

/// <summary>The shapes measured: a chain, or one root, n - 2 parallel steps and one join.</summary>
internal enum DurableShape
{
    Chain,
    FanOut,
}
