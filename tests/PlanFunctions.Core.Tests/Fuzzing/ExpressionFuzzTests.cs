using PlanFunctions.Core.Expressions;
using PlanFunctions.Core.Paths;

namespace PlanFunctions.Core.Tests.Fuzzing;

/// <summary>
/// Malformed and adversarial condition expressions through the parser and the evaluator: a parse error with a
/// message and a position inside the text, or an expression that evaluates without throwing.
/// </summary>
public sealed class ExpressionFuzzTests
{
    private static readonly JsonPathValueSource Values = JsonPathValueSource.Parse("""
        { "input": { "n": 5, "flag": true, "list": [1, 2, 3], "big": 1e400, "s": "\ud800", "odd key": [null],
                     "items": [{}, { "name": "x" }], "\ud800": "lone" },
          "steps": { "a": { "output": { "tags": ["x", 1e-400], "n": 123456789012345678901234567890 }, "status": "Succeeded" },
                     "b": { "output": null, "status": "Failed", "error": "boom" } },
          "run": { "instanceId": "r", "name": "n" } }
        """);

    [Fact]
    public void Random_expressions_parse_or_fail_clearly_and_evaluate_without_throwing()
    {
        var checkedCount = FuzzRun.Run(3, ExpressionInputs.Generate, Check, text => text);

        Assert.True(checkedCount > 0);
    }

    [Theory]
    [InlineData(100_000, "(")]
    [InlineData(100_000, "!")]
    [InlineData(50_000, "length(")]
    public void Nesting_far_past_the_limit_is_a_parse_error(int depth, string open)
    {
        var text = string.Concat(Enumerable.Repeat(open, depth)) + "true" + new string(')', depth);

        FuzzRun.Once(() => Check(text));

        Assert.False(ConditionExpression.TryParse(text, out _, out var error));
        Assert.Contains(ConditionExpression.MaxNestingDepth.ToString(System.Globalization.CultureInfo.InvariantCulture), error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("input.big == 1e400")]
    [InlineData("input.big > 1e-400 && steps.a.output.n >= 123456789012345678901234567890")]
    [InlineData("1e400 == 1e401")]
    [InlineData("length(input.s) == 1 && input.\ud800 == 'lone'")]
    [InlineData("contains(steps.a.output.tags, 1e-400)")]
    public void Huge_numbers_and_lone_surrogates_evaluate_without_throwing(string text) => FuzzRun.Once(() => Check(text));

    private static void Check(string text)
    {
        if (ConditionExpression.TryParse(text, out var expression, out var error))
        {
            Assert.NotNull(expression);
            expression.Evaluate(Values);
            return;
        }

        Assert.NotNull(error);
        Assert.False(string.IsNullOrWhiteSpace(error.Message), "a parse error without a message");
        Assert.InRange(error.Position, 0, text.Length);
    }
}
