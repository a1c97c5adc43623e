using PlanFunctions.Core.Paths;

namespace PlanFunctions.Core.Tests.Paths;

public sealed class DataPathTests
{
    [Theory]
    [InlineData("input")]
    [InlineData("input.a.b[0]")]
    [InlineData("input[3][0].x_y-z")]
    [InlineData("steps.fetch.output")]
    [InlineData("steps.fetch.output.body.items[2].name")]
    [InlineData("steps.my-step_2.status")]
    [InlineData("steps.a.attempts")]
    [InlineData("steps.a.error")]
    [InlineData("run.instanceId")]
    [InlineData("run.name")]
    [InlineData("input._private")]
    public void Valid_paths_parse_and_keep_their_text(string text)
    {
        Assert.True(DataPath.TryParse(text, out var path, out var error), error?.ToString());
        Assert.Null(error);
        Assert.Equal(text, path!.Text);
        Assert.Equal(text, path.ToString());
    }

    [Fact]
    public void Segments_hold_names_and_indexes_in_order()
    {
        var path = DataPath.Parse("input.items[12]['odd key'][\"two\"].last");

        Assert.Equal(
            [new PathSegment("input", null), new PathSegment("items", null), new PathSegment(null, 12),
             new PathSegment("odd key", null), new PathSegment("two", null), new PathSegment("last", null)],
            path.Segments);
    }

    [Fact]
    public void Surrounding_whitespace_is_trimmed_from_the_text()
    {
        var path = DataPath.Parse("  \t steps.fetch.output.total \n");

        Assert.Equal("steps.fetch.output.total", path.Text);
        Assert.Equal("fetch", path.StepId);
    }

    [Theory]
    [InlineData("steps.fetch.output.x", "fetch")]
    [InlineData("steps.a-b.status", "a-b")]
    [InlineData("steps['quoted'].error", "quoted")]
    [InlineData("input.steps.x", null)]
    [InlineData("run.name", null)]
    public void StepId_names_the_step_a_path_reads(string text, string? stepId) =>
        Assert.Equal(stepId, DataPath.Parse(text).StepId);

    [Theory]
    [InlineData("input['it\\'s']", "it's")]
    [InlineData("input[\"say \\\"hi\\\"\"]", "say \"hi\"")]
    [InlineData("input['a.b[0]']", "a.b[0]")]
    [InlineData("input['']", "")]
    [InlineData("input['tab\\there']", "tab\there")]
    [InlineData("input['\\u00e9t\\u00E9']", "été")]
    [InlineData("input['\\ud83d\\ude00']", "😀")]
    [InlineData("input['日本語 😀']", "日本語 😀")]
    [InlineData("input['back\\\\slash']", "back\\slash")]
    public void Bracket_names_unescape_their_text(string text, string name)
    {
        var path = DataPath.Parse(text);

        Assert.Equal(name, path.Segments[1].Name);
    }

    [Theory]
    [InlineData("", 0, "expected a path")]
    [InlineData("   ", 3, "expected a path")]
    [InlineData("foo.bar", 0, "unknown root 'foo': a path starts with input, steps or run")]
    [InlineData("  foo", 2, "unknown root 'foo'")]
    [InlineData("Input.a", 0, "unknown root 'Input'")]
    [InlineData("1abc", 0, "expected a path")]
    [InlineData("steps", 5, "after 'steps' comes a step id")]
    [InlineData("steps.fetch", 11, "after steps.fetch comes output, status, attempts or error")]
    [InlineData("steps.fetch.result", 12, "after steps.fetch comes output, status, attempts or error, not 'result'")]
    [InlineData("steps[0].output", 5, "after 'steps' comes a step id")]
    [InlineData("steps._x.output", 6, "after 'steps' comes a step id")]
    [InlineData("steps.fetch.status.code", 19, "nothing may follow")]
    [InlineData("steps.fetch.attempts[0]", 20, "nothing may follow")]
    [InlineData("steps.fetch.error.message", 18, "nothing may follow")]
    [InlineData("run", 3, "after 'run' comes instanceId or name")]
    [InlineData("run.id", 4, "after 'run' comes instanceId or name, not 'id'")]
    [InlineData("run.name.first", 9, "nothing may follow")]
    [InlineData("input.", 6, "expected a name after '.', found the end")]
    [InlineData("input..a", 6, "expected a name after '.'")]
    [InlineData("input.0", 6, "write an array index as [0]")]
    [InlineData("input. a", 6, "expected a name after '.'")]
    [InlineData("input .a", 5, "unexpected ' ' in a path")]
    [InlineData("input.a b", 7, "unexpected ' ' in a path")]
    [InlineData("input[", 6, "expected an index or a quoted name after '['")]
    [InlineData("input[-1]", 6, "negative indexes are not supported")]
    [InlineData("input[a]", 6, "expected an index or a quoted name after '['")]
    [InlineData("input[0", 7, "expected ']' to close '[' at 5")]
    [InlineData("input[0x]", 7, "expected ']' to close '[' at 5")]
    [InlineData("input[99999999999]", 6, "index 99999999999 is too large")]
    [InlineData("input['abc", 6, "unterminated string")]
    [InlineData("input['abc']x", 12, "unexpected 'x' in a path")]
    [InlineData("input['a\\q']", 8, "unknown escape '\\q'")]
    [InlineData("input['\\u12']", 7, "'\\u' must be followed by four hex digits")]
    [InlineData("input['\\ud800']", 7, "unpaired surrogate")]
    [InlineData("input.é", 6, "expected a name after '.', found 'é'")]
    [InlineData("input.a\u0000", 7, "unexpected '\\u0000' in a path")]
    [InlineData("{{ input }}", 0, "expected a path")]
    public void Invalid_paths_fail_with_a_position_and_a_message(string text, int position, string message)
    {
        Assert.False(DataPath.TryParse(text, out var path, out var error));
        Assert.Null(path);
        Assert.NotNull(error);
        Assert.Equal(position, error.Position);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quoted_name_may_not_run_into_trailing_whitespace_that_was_trimmed()
    {
        Assert.False(DataPath.TryParse("input['abc ", out _, out var error));

        Assert.Equal(6, error!.Position);
        Assert.Contains("unterminated string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_id_longer_than_64_characters_is_rejected()
    {
        var id = "a" + new string('b', 64);

        Assert.False(DataPath.TryParse($"steps.{id}.output", out _, out var error));
        Assert.Equal(6, error!.Position);
        Assert.True(DataPath.TryParse($"steps.{id[..64]}.output", out _, out _));
    }

    [Fact]
    public void Parse_throws_a_FormatException_that_shows_the_position()
    {
        var exception = Assert.Throws<FormatException>(() => DataPath.Parse("nope"));

        Assert.Equal("unknown root 'nope': a path starts with input, steps or run (at character 0)", exception.Message);
    }

    [Fact]
    public void Null_text_is_an_argument_error() =>
        Assert.Throws<ArgumentNullException>(() => DataPath.TryParse(null!, out _, out _));

    [Fact]
    public void Random_text_never_throws_and_errors_point_inside_the_text()
    {
        var random = new Random(20240611);
        const string alphabet = "inputstepsrunoa.[]'\"\\ 0123456789-_{}()é😀\u0000\t";
        for (var i = 0; i < 2000; i++)
        {
            var text = RandomText(random, alphabet, random.Next(0, 30));
            if (random.Next(3) == 0)
            {
                text = (random.Next(3) switch { 0 => "input", 1 => "steps.a.output", _ => "run." }) + text;
            }

            if (DataPath.TryParse(text, out var path, out var error))
            {
                Assert.Equal(text.Trim(), path!.Text);
                Assert.Equal(path.Text, DataPath.Parse(path.Text).Text);
            }
            else
            {
                Assert.InRange(error!.Position, 0, text.Length);
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
            }
        }
    }

    internal static string RandomText(Random random, string alphabet, int length)
    {
        var builder = new System.Text.StringBuilder();
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(alphabet);
        var pieces = new List<string>();
        while (elements.MoveNext())
        {
            pieces.Add(elements.GetTextElement());
        }

        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(10) == 0 ? ((char)random.Next(0, 0x10000)).ToString() : pieces[random.Next(pieces.Count)]);
        }

        return builder.ToString();
    }
}
