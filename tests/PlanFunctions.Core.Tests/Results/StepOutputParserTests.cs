using System.Text.Json;
using PlanFunctions.Core.Results;

namespace PlanFunctions.Core.Tests.Results;

public sealed class StepOutputParserTests
{
    [Theory]
    [InlineData("""{"a":1}""", JsonValueKind.Object)]
    [InlineData("[1,2]", JsonValueKind.Array)]
    [InlineData("42", JsonValueKind.Number)]
    [InlineData("plain words", JsonValueKind.String)]
    [InlineData("{ not json", JsonValueKind.String)]
    public void Text_that_parses_as_JSON_is_kept_as_JSON_and_other_text_as_a_string(string text, JsonValueKind kind)
    {
        var result = StepOutputParser.FromText(text, 1024);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(kind, result.Output.ValueKind);
    }

    [Fact]
    public void An_output_over_the_size_limit_is_refused_with_its_size()
    {
        var result = StepOutputParser.FromText(new string('x', 2000), 1000);

        Assert.False(result.Succeeded);
        Assert.Contains("2,000", result.Error, StringComparison.Ordinal);
        Assert.Contains("1,000", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_at_the_depth_limit_is_kept_and_one_level_deeper_is_refused_naming_the_limit()
    {
        static JsonElement Nested(int depth) =>
            JsonDocument.Parse(string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth)), new JsonDocumentOptions { MaxDepth = 1000 }).RootElement.Clone();

        Assert.True(StepOutputParser.FromJson(Nested(StepOutputParser.MaxDepth), int.MaxValue).Succeeded);
        var refused = StepOutputParser.FromJson(Nested(StepOutputParser.MaxDepth + 1), int.MaxValue);
        Assert.False(refused.Succeeded);
        Assert.Contains($"depth limit of {StepOutputParser.MaxDepth}", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_output_is_refused()
    {
        Assert.False(StepOutputParser.FromJson(default, int.MaxValue).Succeeded);
    }
}
