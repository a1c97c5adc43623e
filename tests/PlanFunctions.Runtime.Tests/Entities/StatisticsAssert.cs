using PlanFunctions.Runtime.Entities;
using PlanFunctions.Core.Statistics;

namespace PlanFunctions.Runtime.Tests.Entities;

/// <summary>Compares statistics by value, tool counters included (a record compares its dictionary by reference).</summary>
internal static class StatisticsAssert
{
    public static void Equal(ExecutionStatistics expected, ExecutionStatistics actual)
    {
        Assert.Equal(expected with { Tools = actual.Tools }, actual);
        Assert.Equal(
            expected.Tools.OrderBy(t => t.Key, StringComparer.Ordinal).ToList(),
            actual.Tools.OrderBy(t => t.Key, StringComparer.Ordinal).ToList());
    }
}
