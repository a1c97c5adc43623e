using System.Globalization;
using System.Text.Json;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Benchmarks.Engine.Engine;

/// <summary>The plans measured, every step the no-op tool with empty parameters.</summary>
internal static class EnginePlans
{
    private static readonly JsonElement NoParameters = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>Each step depends on the one before.</summary>
    public static Plan Chain(int steps) => new()
    {
        Name = $"chain of {steps}",
        Steps = [.. Enumerable.Range(0, steps).Select(i => Step(i, i == 0 ? [] : [IdOf(i - 1)]))],
    };

    /// <summary>A chain whose first step waits until the run is terminated: active, and idle.</summary>
    public static Plan WaitingChain(int steps)
    {
        var chain = Chain(steps);
        return chain with { Name = $"waiting chain of {steps}", Steps = [chain.Steps[0] with { Tool = WaitTool.ToolName }, .. chain.Steps.Skip(1)] };
    }

    /// <summary>One root, <paramref name="steps"/> - 2 parallel steps after it, one join over all of them.</summary>
    public static Plan FanOut(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 3);
        var parallel = Enumerable.Range(1, steps - 2).Select(IdOf).ToArray();
        return new Plan
        {
            Name = $"fan-out of {steps}",
            Steps = [Step(0, []), .. parallel.Select((_, i) => Step(i + 1, [IdOf(0)])), Step(steps - 1, parallel)],
        };
    }

    private static string IdOf(int index) => string.Create(CultureInfo.InvariantCulture, $"s{index}");

    private static PlanStep Step(int index, string[] dependsOn) => new()
    {
        Id = IdOf(index),
        Tool = NoOpTool.ToolName,
        DependsOn = dependsOn,
        Parameters = NoParameters,
    };
}
