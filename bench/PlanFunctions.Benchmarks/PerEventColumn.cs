using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace PlanFunctions.Benchmarks;

/// <summary>
/// The mean time of a whole run divided by the run's events, and that figure's ratio to the 100-step plan
/// of the same shape: BenchmarkDotNet's own baseline compares methods, not parameter values.
/// </summary>
public sealed class PerEventColumn : IColumn
{
    private const int BaselineSteps = 100;

    private static readonly ConcurrentDictionary<(PlanShape, int), int> EventCounts = new();

    private readonly bool _ratio;

    private PerEventColumn(bool ratio) => _ratio = ratio;

    /// <summary>Nanoseconds per event.</summary>
    public static PerEventColumn NanosecondsPerEvent { get; } = new(ratio: false);

    /// <summary>Nanoseconds per event over those of the 100-step plan of the same shape.</summary>
    public static PerEventColumn RatioToBaseline { get; } = new(ratio: true);

    public string Id => _ratio ? "PerEventRatio" : "NsPerEvent";

    public string ColumnName => _ratio ? "Ratio to 100 steps" : "ns/event";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => _ratio ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _ratio
        ? "ns/event divided by ns/event of the 100-step plan of the same shape (1 = flat)"
        : "Mean time of one whole run divided by the number of events in its history";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        if (PerEvent(summary, benchmarkCase) is not { } perEvent)
        {
            return "-";
        }

        if (!_ratio)
        {
            return perEvent.ToString("N1", CultureInfo.InvariantCulture);
        }

        var shape = (PlanShape)benchmarkCase.Parameters["Shape"];
        var baseline = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor == benchmarkCase.Descriptor && (PlanShape)c.Parameters["Shape"] == shape && (int)c.Parameters["Steps"] == BaselineSteps);
        return baseline is not null && PerEvent(summary, baseline) is { } basis
            ? (perEvent / basis).ToString("N2", CultureInfo.InvariantCulture)
            : "?";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;

    private static double? PerEvent(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Descriptor.Type != typeof(PlanRunEventCostBenchmarks) || summary[benchmarkCase]?.ResultStatistics is not { } statistics)
        {
            return null;
        }

        var shape = (PlanShape)benchmarkCase.Parameters["Shape"];
        var steps = (int)benchmarkCase.Parameters["Steps"];
        var events = EventCounts.GetOrAdd((shape, steps), key => InstantRun.Drive(BenchmarkPlans.Build(key.Item1, key.Item2)));
        return statistics.Mean / events;
    }
}
