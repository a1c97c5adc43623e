namespace PlanFunctions.Benchmarks;

/// <summary>The two extremes of a plan's graph.</summary>
public enum PlanShape
{
    /// <summary>Each step depends on the one before it: one step runs at a time.</summary>
    Chain,

    /// <summary>One root, every other step but the last depends on it, and the last (the join) on all of them.</summary>
    FanOut,
}
