namespace PlanFunctions.Benchmarks.Engine.Scenarios;

/// <summary>Percentiles of a set of timed calls, in milliseconds.</summary>
internal sealed record Latencies(int Count, double P50, double P99, double Max)
{
    public static Latencies Of(List<double> milliseconds)
    {
        milliseconds.Sort();
        return milliseconds.Count == 0
            ? new Latencies(0, double.NaN, double.NaN, double.NaN)
            : new Latencies(milliseconds.Count, At(milliseconds, 0.50), At(milliseconds, 0.99), milliseconds[^1]);
    }

    private static double At(List<double> sorted, double quantile) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
}
