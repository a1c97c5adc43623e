using System.Globalization;
using System.Text.Json;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Serialization;

namespace PlanFunctions.Benchmarks;

/// <summary>The plans measured: chains and fan-outs of any size, each step reading what it depends on.</summary>
public static class BenchmarkPlans
{
    /// <summary>A plan of <paramref name="steps"/> echo steps in the given shape.</summary>
    public static Plan Build(PlanShape shape, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 3);
        var list = new List<PlanStep>(steps);
        if (shape == PlanShape.Chain)
        {
            list.Add(Step(0, []));
            for (var i = 1; i < steps; i++)
            {
                list.Add(Step(i, [IdOf(i - 1)], $$$"""{ "previous": "{{ steps.{{{IdOf(i - 1)}}}.output.i }}" }"""));
            }
        }
        else
        {
            list.Add(Step(0, []));
            for (var i = 1; i < steps - 1; i++)
            {
                list.Add(Step(i, [IdOf(0)], $$$"""{ "root": "{{ steps.{{{IdOf(0)}}}.output.i }}" }"""));
            }

            list.Add(Step(steps - 1, [.. Enumerable.Range(1, steps - 2).Select(IdOf)], $$$"""{ "one": "{{ steps.{{{IdOf(1)}}}.output.i }}" }"""));
        }

        return new Plan { Name = $"{shape} of {steps}", Steps = list };
    }

    /// <summary>The plan as the UTF-8 JSON document a client submits.</summary>
    public static byte[] ToJson(Plan plan) => JsonSerializer.SerializeToUtf8Bytes(plan, PlanJson.Options);

    private static string IdOf(int index) => string.Create(CultureInfo.InvariantCulture, $"s{index}");

    private static PlanStep Step(int index, string[] dependsOn, string? parameters = null) => new()
    {
        Id = IdOf(index),
        Tool = "echo",
        DependsOn = dependsOn,
        Parameters = JsonDocument.Parse(parameters ?? """{ "i": 1 }""").RootElement.Clone(),
    };
}
