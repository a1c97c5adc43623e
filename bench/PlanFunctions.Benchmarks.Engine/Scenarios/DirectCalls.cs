using System.Diagnostics;
using System.Text.Json;
using PlanFunctions.Benchmarks.Engine.Engine;
using PlanFunctions.Tools.Abstractions;

namespace PlanFunctions.Benchmarks.Engine.Scenarios;

/// <summary>The baseline of the overhead: the same no-op tool called in a loop, no engine.</summary>
internal static class DirectCalls
{
    public static async Task<TimeSpan> TimeAsync(int calls, int repetitions)
    {
        var tool = new NoOpTool();
        var parameters = JsonDocument.Parse("{}").RootElement.Clone();
        var times = new List<TimeSpan>();
        for (var r = 0; r < repetitions + 1; r++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++)
            {
                // The engine builds an invocation per attempt too; building it here keeps the comparison fair.
                var invocation = new ToolInvocation("direct", "s" + i, 1, parameters, DateTimeOffset.MaxValue);
                var result = await tool.ExecuteAsync(invocation, CancellationToken.None);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException("The no-op tool failed.");
                }
            }

            clock.Stop();
            if (r > 0)
            {
                // The first round warms up the JIT.
                times.Add(clock.Elapsed);
            }
        }

        return times.Order().ElementAt(times.Count / 2);
    }
}
