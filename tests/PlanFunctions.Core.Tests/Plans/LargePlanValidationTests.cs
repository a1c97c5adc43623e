using System.Text.Json;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Core.Tests.Plans;

public sealed class LargePlanValidationTests
{
    private const int StepCount = 10_000;

    private static readonly PlanValidationOptions Options = new();

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static PlanStep Step(string id, string[] dependsOn, string? parameters = null, string? condition = null) => new()
    {
        Id = id,
        Tool = "echo",
        DependsOn = dependsOn,
        Parameters = parameters is null ? null : Json(parameters),
        Condition = condition is null ? null : StepCondition.FromExpression(condition),
    };

    /// <summary>s0 &lt;- s1 &lt;- ... : each step reads the one before it and, through the whole chain, the first.</summary>
    private static List<PlanStep> Chain()
    {
        var steps = new List<PlanStep>(StepCount) { Step("s0", []) };
        for (var i = 1; i < StepCount; i++)
        {
            steps.Add(Step(
                $"s{i}",
                [$"s{i - 1}"],
                $$$"""{ "previous": "{{ steps.s{{{i - 1}}}.output }}", "first": "{{ steps.s0.output.x }}" }""",
                "steps.s0.status == 'Succeeded'"));
        }

        return steps;
    }

    [Fact]
    public void A_chain_of_ten_thousand_steps_reading_across_the_chain_is_valid()
    {
        var plan = new Plan { Name = "chain", Steps = Chain() };

        Assert.Empty(PlanValidator.Validate(plan, Options));
    }

    [Fact]
    public void A_chain_written_last_step_first_is_valid_too()
    {
        var steps = Chain();
        steps.Reverse();

        Assert.Empty(PlanValidator.Validate(new Plan { Name = "chain", Steps = steps }, Options));
    }

    [Fact]
    public void In_a_long_chain_a_step_reading_a_later_step_is_the_one_problem()
    {
        var steps = Chain();
        steps[5_000] = steps[5_000] with { Parameters = Json("""{ "ahead": "{{ steps.s7000.output }}" }""") };

        var problem = Assert.Single(PlanValidator.Validate(new Plan { Name = "chain", Steps = steps }, Options));

        Assert.Equal(("$.steps[5000].parameters.ahead", "s5000"), (problem.Path, problem.StepId));
        Assert.Contains("names step 's7000', which this step does not depend on", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fan_out_of_ten_thousand_steps_and_its_join_are_valid()
    {
        var steps = new List<PlanStep>(StepCount) { Step("root", []) };
        var leaves = new List<string>();
        for (var i = 1; i < StepCount - 1; i++)
        {
            leaves.Add($"leaf{i}");
            steps.Add(Step($"leaf{i}", ["root"], """{ "from": "{{ steps.root.output }}" }"""));
        }

        steps.Add(Step("join", [.. leaves], """{ "root": "{{ steps.root.status }}", "one": "{{ steps.leaf7.output }}" }""", "steps.root.attempts == 1"));

        Assert.Empty(PlanValidator.Validate(new Plan { Name = "fan", Steps = steps }, Options));
    }

    [Fact]
    public void A_ten_thousand_step_cycle_is_reported_once()
    {
        var steps = Chain();
        steps[0] = steps[0] with { DependsOn = [$"s{StepCount - 1}"] };

        var problem = Assert.Single(PlanValidator.Validate(new Plan { Name = "ring", Steps = steps }, Options));

        Assert.Equal("$.steps[0].dependsOn", problem.Path);
        Assert.Contains($"s0 -> s{StepCount - 1} -> s{StepCount - 2}", problem.Message, StringComparison.Ordinal);
        Assert.Contains($"({StepCount} steps in all) -> s1 -> s0", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Message.Length < 300, problem.Message);
    }
}
