namespace PlanFunctions.Benchmarks.Engine.Scenarios;

/// <summary>How many single-entity writes Azurite took in how long, from how many concurrent writers.</summary>
internal sealed record RawWriteResult(long Writes, TimeSpan Elapsed, int Writers)
{
    public double WritesPerSecond => Writes / Elapsed.TotalSeconds;
}
