using System.Text.Json;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Results;

namespace PlanFunctions.Core.Tests.Plans;

/// <summary>Each limit of <see cref="PlanLimits"/> is enforced, and saying so names the limit, its value and where.</summary>
public sealed class PlanLimitsTests
{
    private static readonly PlanValidationOptions Defaults = new();

    [Fact]
    public void The_defaults_are_the_documented_safe_values()
    {
        var limits = PlanLimits.Default;

        Assert.Equal(
            (10_000, 200, 604_800d, 604_800d, 4_096, 4_096, 64, 256 * 1024, 1024 * 1024),
            (limits.MaxSteps, limits.MaxNameLength, limits.MaxRunTimeoutSeconds, limits.MaxStepTimeoutSeconds, limits.MaxExpressionLength,
                limits.MaxTemplateLength, limits.MaxJsonDepth, limits.MaxStepOutputBytes, limits.MaxTemplateExpansionChars));
    }

    [Fact]
    public void Nesting_past_the_JSON_depth_limit_names_the_limit_and_the_line()
    {
        var deep = new string('[', 70) + new string(']', 70);
        var json = $"{{ \"name\": \"n\",\n \"input\": {deep}, \"steps\": [] }}";

        var result = PlanValidator.ReadAndValidate(System.Text.Encoding.UTF8.GetBytes(json), Defaults);

        Assert.Null(result.Plan);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("$", problem.Path);
        Assert.StartsWith("objects and arrays nest deeper than the limit of 64 levels (PlanLimits.MaxJsonDepth)", problem.Message, StringComparison.Ordinal);
        Assert.Equal(2, problem.Line);
    }

    [Fact]
    public void A_syntax_error_before_deep_nesting_is_reported_as_a_syntax_error()
    {
        var json = "{ \"name\": nope, \"input\": " + new string('[', 70) + new string(']', 70) + " }";

        var problem = Assert.Single(PlanReader.Read(json).Problems);

        Assert.StartsWith("not valid JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_that_is_not_Unicode_text_is_a_problem_with_its_line()
    {
        var result = PlanReader.Read("{ \"name\": \"n\",\n  \"steps\": [ { \"id\": \"\\ud800\", \"tool\": \"echo\" } ] }");

        Assert.Null(result.Plan);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((2L, 21L), (problem.Line, problem.Position));
        Assert.StartsWith("a string is not valid Unicode text", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_steps_names_the_limit_and_the_count()
    {
        var steps = string.Join(", ", Enumerable.Range(0, 10_001).Select(i => $$"""{ "id": "s{{i}}", "tool": "echo" }"""));

        var result = PlanValidator.ReadAndValidate(System.Text.Encoding.UTF8.GetBytes($$"""{ "name": "n", "steps": [ {{steps}} ] }"""), Defaults);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("$.steps", "has 10001 steps; at most 10000 are allowed (PlanLimits.MaxSteps)"), (problem.Path, problem.Message));
    }

    [Fact]
    public void A_step_timeout_past_the_limit_names_the_limit_and_the_step()
    {
        var problem = Assert.Single(Validate("""{ "id": "slow", "tool": "echo", "timeoutSeconds": 1e9 }""").Problems);

        Assert.Equal(("slow", "timeoutSeconds"), (problem.StepId, problem.Property));
        Assert.Equal("must be a number greater than 0 and at most 604800, not 1000000000 (PlanLimits.MaxStepTimeoutSeconds)", problem.Message);
    }

    [Fact]
    public void A_condition_past_the_expression_limit_names_the_limit_and_the_step()
    {
        var condition = string.Join(" && ", Enumerable.Repeat("input.go == true", 300));

        var problem = Assert.Single(Validate($$"""{ "id": "a", "tool": "echo", "condition": "{{condition}}" }""").Problems);

        Assert.Equal(("$.steps[0].condition", "a"), (problem.Path, problem.StepId));
        Assert.Equal($"is {condition.Length} characters long; at most 4096 are allowed (PlanLimits.MaxExpressionLength)", problem.Message);
    }

    [Fact]
    public void A_template_string_past_the_template_limit_names_the_limit_and_the_parameter()
    {
        var text = "{{ input.name }}" + new string('x', 4_100);

        var problem = Assert.Single(Validate($$"""{ "id": "a", "tool": "echo", "parameters": { "message": "{{text}}" } }""").Problems);

        Assert.Equal(("$.steps[0].parameters.message", "a"), (problem.Path, problem.StepId));
        Assert.Equal($"a string that holds templates may be at most 4096 characters; this one has {text.Length}", problem.Message);
    }

    [Fact]
    public void A_step_output_past_the_output_limit_names_its_size_and_the_limit()
    {
        var output = JsonSerializer.SerializeToElement(new string('x', 2_000));

        var fromJson = StepOutputParser.FromJson(output, maxBytes: 1_000);
        var fromText = StepOutputParser.FromText(new string('é', 600), maxBytes: 1_000);

        Assert.Equal("the step's output is 2,002 bytes, larger than the limit of 1,000 bytes", fromJson.Error);
        Assert.Equal("the step's output is 1,200 bytes, larger than the limit of 1,000 bytes", fromText.Error);
    }

    private static PlanReadResult Validate(string steps) =>
        PlanValidator.ReadAndValidate(System.Text.Encoding.UTF8.GetBytes($$"""{ "name": "n", "steps": [ {{steps}} ] }"""), Defaults);
}
