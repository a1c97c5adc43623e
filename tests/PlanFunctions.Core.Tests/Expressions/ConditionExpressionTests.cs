using System.Text;
using PlanFunctions.Core.Expressions;
using PlanFunctions.Core.Paths;
using PlanFunctions.Core.Tests.Paths;

namespace PlanFunctions.Core.Tests.Expressions;

public sealed class ConditionExpressionTests
{
    private static readonly JsonPathValueSource Data = JsonPathValueSource.Parse("""
        {
          "input": {
            "n": 5, "zero": 0, "negZero": -0.0, "half": 0.5, "big": 1e400, "huge": 12345678901234567890123456789,
            "text": "hello world", "empty": "", "unicode": "😀é", "yes": true, "no": false, "nothing": null,
            "items": [1, "two", { "three": 3 }, [4]], "none": [], "obj": { "a": 1, "b": [1, 2] }, "emptyObj": {},
            "odd key": "x"
          },
          "steps": {
            "fetch": { "output": { "body": { "total": 3, "items": ["a", "b"] } }, "status": "Succeeded", "attempts": 1 },
            "broken": { "status": "Failed", "attempts": 4, "error": "boom" }
          },
          "run": { "instanceId": "i-1", "name": "Morning report" }
        }
        """);

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("null", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("-0", false)]
    [InlineData("0.0e10", false)]
    [InlineData("0.001", true)]
    [InlineData("-2.5E-3", true)]
    [InlineData("'x'", true)]
    [InlineData("''", false)]
    [InlineData("\"\"", false)]
    [InlineData("input.items", true)]
    [InlineData("input.none", false)]
    [InlineData("input.obj", true)]
    [InlineData("input.emptyObj", false)]
    [InlineData("input.missing", false)]
    [InlineData("input.zero", false)]
    [InlineData("input.negZero", false)]
    [InlineData("input.big", true)]
    [InlineData("input.empty", false)]
    [InlineData("input.nothing", false)]
    public void Values_are_true_or_false_by_their_truthiness(string text, bool expected) =>
        Assert.Equal(expected, Evaluate(text));

    [Theory]
    [InlineData("1 == 1.0", true)]
    [InlineData("1 == 1e0", true)]
    [InlineData("100 == 1e2", true)]
    [InlineData("0.1 == 1E-1", true)]
    [InlineData("-0 == 0", true)]
    [InlineData("1 != 1.0", false)]
    [InlineData("'a' == \"a\"", true)]
    [InlineData("'a' == 'A'", false)]
    [InlineData("null == null", true)]
    [InlineData("input.missing == null", true)]
    [InlineData("input.nothing == null", true)]
    [InlineData("true == true", true)]
    [InlineData("true == false", false)]
    [InlineData("input.obj == input.obj", true)]
    [InlineData("input.items[2] == input.items[2]", true)]
    [InlineData("input.huge == 12345678901234567890123456789", true)]
    [InlineData("input.huge == 12345678901234567890123456788", false)]
    [InlineData("9007199254740993 == 9007199254740992", false)]
    [InlineData("input.big == 1e400", true)]
    [InlineData("input.big == 1e401", false)]
    [InlineData("steps.fetch.output.body.total == 3", true)]
    [InlineData("steps.fetch.status == 'Succeeded'", true)]
    [InlineData("steps.broken.status != 'Succeeded'", true)]
    [InlineData("run.name == 'Morning report'", true)]
    [InlineData("input['odd key'] == 'x'", true)]
    public void Equality_compares_deeply_and_numbers_by_value(string text, bool expected) =>
        Assert.Equal(expected, Evaluate(text));

    [Theory]
    [InlineData("1 == '1'")]
    [InlineData("0 == false")]
    [InlineData("'' == null")]
    [InlineData("0 == null")]
    [InlineData("true == 1")]
    [InlineData("input.none == null")]
    [InlineData("input.items == input.obj")]
    [InlineData("'true' == true")]
    public void Values_of_different_types_are_never_equal(string text)
    {
        Assert.False(Evaluate(text));
        Assert.True(Evaluate(text.Replace("==", "!=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("1 < 2", true)]
    [InlineData("2 < 1", false)]
    [InlineData("1 <= 1.0", true)]
    [InlineData("-1 < 0", true)]
    [InlineData("-2 < -1", true)]
    [InlineData("-1e400 < 1e-400", true)]
    [InlineData("1e400 < 1e401", true)]
    [InlineData("1e-400 > 0", true)]
    [InlineData("0.5 >= input.half", true)]
    [InlineData("input.n > 4.999999999999999999999", true)]
    [InlineData("input.huge > 12345678901234567890123456788", true)]
    [InlineData("'a' < 'b'", true)]
    [InlineData("'B' < 'a'", true)]
    [InlineData("'abc' >= 'abc'", true)]
    [InlineData("'ab' < 'abc'", true)]
    [InlineData("length(steps.fetch.output.body.items) >= 2", true)]
    public void Ordering_works_on_two_numbers_or_two_strings(string text, bool expected) =>
        Assert.Equal(expected, Evaluate(text));

    [Theory]
    [InlineData("1 < '2'")]
    [InlineData("'1' > 0")]
    [InlineData("null < 1")]
    [InlineData("null <= null")]
    [InlineData("input.missing >= 0")]
    [InlineData("true > false")]
    [InlineData("input.items < input.items")]
    [InlineData("input.obj >= input.obj")]
    public void Ordering_anything_else_is_false_both_ways(string text)
    {
        Assert.False(Evaluate(text));
        var flipped = text.Replace("<", "\u0001", StringComparison.Ordinal).Replace(">", "<", StringComparison.Ordinal)
            .Replace("\u0001", ">", StringComparison.Ordinal);
        Assert.False(Evaluate(flipped));
    }

    [Theory]
    [InlineData("true && true", true)]
    [InlineData("true && false", false)]
    [InlineData("false || true", true)]
    [InlineData("false || false", false)]
    [InlineData("!false", true)]
    [InlineData("!!true", true)]
    [InlineData("!input.missing", true)]
    [InlineData("!input.text", false)]
    [InlineData("true || false && false", true)]
    [InlineData("(true || false) && false", false)]
    [InlineData("!true == false", true)]
    [InlineData("!(1 == 2)", true)]
    [InlineData("1 < 2 && 2 < 3", true)]
    [InlineData("1 == 1 || 1 == 2 && false", true)]
    [InlineData("input.n && input.text && input.items", true)]
    [InlineData("input.n && input.empty", false)]
    [InlineData("false || false || false || 'x'", true)]
    [InlineData("((((true))))", true)]
    public void Logic_follows_precedence_and_truthiness(string text, bool expected) =>
        Assert.Equal(expected, Evaluate(text));

    [Theory]
    [InlineData("exists(input.n)", true)]
    [InlineData("exists(input.nothing)", true)]
    [InlineData("exists(input.missing)", false)]
    [InlineData("exists(input.items[3][0])", true)]
    [InlineData("exists(input.items[4])", false)]
    [InlineData("exists(steps.broken.output)", false)]
    [InlineData("exists(steps.broken.error)", true)]
    [InlineData("exists( steps.fetch.output.body )", true)]
    [InlineData("contains(input.text, 'lo wo')", true)]
    [InlineData("contains(input.text, 'LO')", false)]
    [InlineData("contains(input.text, '')", true)]
    [InlineData("contains(input.items, 1.0)", true)]
    [InlineData("contains(input.items, 'two')", true)]
    [InlineData("contains(input.items, input.items[2])", true)]
    [InlineData("contains(input.items, '1')", false)]
    [InlineData("contains(input.obj, 'b')", true)]
    [InlineData("contains(input.obj, 'c')", false)]
    [InlineData("contains(input.obj, 1)", false)]
    [InlineData("contains(input.n, 5)", false)]
    [InlineData("contains(input.missing, 'x')", false)]
    [InlineData("contains(input.text, 1)", false)]
    [InlineData("contains(steps.fetch.output.body.items, 'b')", true)]
    [InlineData("length(input.text) == 11", true)]
    [InlineData("length(input.unicode) == 2", true)]
    [InlineData("length(input.items) == 4", true)]
    [InlineData("length(input.obj) == 2", true)]
    [InlineData("length(input.none) == 0", true)]
    [InlineData("length(input.n) == null", true)]
    [InlineData("length(input.missing) == null", true)]
    [InlineData("length('abc') == 3", true)]
    [InlineData("length(length('abc')) == null", true)]
    [InlineData("contains(input.items, length('ab') == 2)", false)]
    public void Functions_answer_for_every_type(string text, bool expected) =>
        Assert.Equal(expected, Evaluate(text));

    [Theory]
    [InlineData("'it\\'s' == \"it's\"", true)]
    [InlineData("'a\\nb' == \"a\\u000ab\"", true)]
    [InlineData("'\\u00e9' == 'é'", true)]
    [InlineData("'\\ud83d\\ude00é' == input.unicode", true)]
    [InlineData("'日本' != '日本語'", true)]
    [InlineData("'\\\\' == \"\\\\\"", true)]
    [InlineData("'\\/' == '/'", true)]
    public void String_literals_unescape_like_json(string text, bool expected) =>
        Assert.Equal(expected, Evaluate(text));

    [Fact]
    public void Whitespace_of_any_kind_separates_tokens()
    {
        Assert.True(Evaluate("\t input.n\u00a0>\n4 \u2003&&\r\nexists (input.text)  "));
        Assert.True(Evaluate("input.n>4&&!input.no"));
    }

    [Fact]
    public void Paths_lists_every_path_in_order_of_appearance()
    {
        var expression = ConditionExpression.Parse(
            "steps.a.status == 'Failed' || exists(steps.b.output.x) && contains(input.list, run.name) || steps.a.attempts > 2");

        Assert.Equal(
            ["steps.a.status", "steps.b.output.x", "input.list", "run.name", "steps.a.attempts"],
            expression.Paths.Select(path => path.Text));
        Assert.Equal(["a", "b", null, null, "a"], expression.Paths.Select(path => path.StepId));
    }

    [Fact]
    public void An_expression_keeps_its_text_as_written()
    {
        var expression = ConditionExpression.Parse("  true  ");

        Assert.Equal("  true  ", expression.Text);
        Assert.Equal("  true  ", expression.ToString());
        Assert.Empty(expression.Paths);
    }

    [Theory]
    [InlineData("", 0, "expected a value (a literal, a path, a function call or '('), found the end of the expression")]
    [InlineData("   ", 3, "found the end of the expression")]
    [InlineData("(1 == 1", 7, "expected ')' to close '(' at 0, found the end of the expression")]
    [InlineData("true && (false", 14, "expected ')' to close '(' at 8")]
    [InlineData("(1 == 1))", 8, "there is no '(' for this ')'")]
    [InlineData(")", 0, "expected a value")]
    [InlineData("foo(1)", 0, "unknown function 'foo': the functions are exists, contains and length")]
    [InlineData("true && Length('a')", 8, "unknown function 'Length'")]
    [InlineData("foo == 1", 0, "unknown root 'foo': a path starts with input, steps or run")]
    [InlineData("'abc", 0, "unterminated string")]
    [InlineData("1 == \"abc", 5, "unterminated string")]
    [InlineData("'abc\\", 4, "unterminated string")]
    [InlineData("'a\\x'", 2, "unknown escape '\\x'")]
    [InlineData("'\\udc00'", 1, "unpaired surrogate")]
    [InlineData("1 = 1", 2, "'=' is not an operator: compare with '=='")]
    [InlineData("1 === 1", 4, "compare with '=='")]
    [InlineData("true & false", 5, "'&' is not an operator, write '&&'")]
    [InlineData("true | false", 5, "'|' is not an operator, write '||'")]
    [InlineData("true and false", 5, "'and' is not an operator, write '&&'")]
    [InlineData("and", 0, "'and' is not an operator: write '&&'")]
    [InlineData("a or b", 0, "unknown root 'a'")]
    [InlineData("true or false", 5, "'or' is not an operator, write '||'")]
    [InlineData("true && or", 8, "'or' is not an operator: write '||'")]
    [InlineData("not true", 0, "'not' is not an operator: write '!'")]
    [InlineData("1 < 2 < 3", 6, "comparisons do not chain")]
    [InlineData("1 == 1 == true", 7, "comparisons do not chain")]
    [InlineData("1 2", 2, "expected an operator (==, !=, <, <=, >, >=, &&, ||) or the end of the expression, found '2'")]
    [InlineData("true false", 5, "expected an operator")]
    [InlineData("-", 1, "expected a digit after '-'")]
    [InlineData("- 1", 1, "expected a digit after '-'")]
    [InlineData("1.", 2, "expected a digit after '.'")]
    [InlineData(".5", 0, "expected a value")]
    [InlineData("1e", 2, "expected a digit after the exponent 'e'")]
    [InlineData("1e+", 3, "expected a digit after the exponent 'e'")]
    [InlineData("01", 0, "a number may not start with 0 followed by more digits")]
    [InlineData("12abc", 2, "unexpected 'a' after the number 12")]
    [InlineData("1.5.2", 3, "unexpected '.' after the number 1.5")]
    [InlineData("exists(1)", 7, "exists takes a path")]
    [InlineData("exists( 'input.a' )", 8, "exists takes a path")]
    [InlineData("exists(input.a == 1)", 7, "exists takes a path")]
    [InlineData("exists()", 0, "exists takes 1 argument, exists(path); found 0")]
    [InlineData("contains(input.a)", 0, "contains takes 2 arguments, contains(haystack, needle); found 1")]
    [InlineData("  length(1, 2)", 2, "length takes 1 argument, length(value); found 2")]
    [InlineData("contains(input.a 'x')", 17, "expected ',' or ')' to close '(' of contains at 8")]
    [InlineData("length(", 7, "expected a value")]
    [InlineData("length(1,", 9, "expected a value")]
    [InlineData("steps.fetch == 1", 11, "after steps.fetch comes output, status, attempts or error")]
    [InlineData("steps.fetch.status.x", 19, "nothing may follow")]
    [InlineData("input. a", 6, "expected a name after '.'")]
    [InlineData("input[0", 7, "expected ']' to close '['")]
    [InlineData("1 == 1 #", 7, "found '#'")]
    [InlineData("1 == 😀", 5, "found '😀'")]
    [InlineData("1 == \u0007", 5, "found '\\u0007'")]
    [InlineData("!= 1", 0, "expected a value")]
    [InlineData("1 ==", 4, "found the end of the expression")]
    [InlineData("true &&", 7, "found the end of the expression")]
    [InlineData("true || || false", 8, "expected a value")]
    public void Invalid_expressions_fail_with_a_position_and_a_message(string text, int position, string message)
    {
        Assert.False(ConditionExpression.TryParse(text, out var expression, out var error));
        Assert.Null(expression);
        Assert.NotNull(error);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void Parse_throws_a_FormatException_that_shows_the_position()
    {
        var exception = Assert.Throws<FormatException>(() => ConditionExpression.Parse("(true"));

        Assert.Equal("expected ')' to close '(' at 0, found the end of the expression (at character 5)", exception.Message);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("!", "")]
    [InlineData("length(", ")")]
    public void Nesting_up_to_the_limit_parses_and_beyond_it_is_an_error(string open, string close)
    {
        string Nested(int depth) =>
            string.Concat(Enumerable.Repeat(open, depth)) + "'x'" + string.Concat(Enumerable.Repeat(close, depth));

        Assert.True(ConditionExpression.TryParse(Nested(ConditionExpression.MaxNestingDepth), out var ok, out _));
        ok!.Evaluate(Data);

        Assert.False(ConditionExpression.TryParse(Nested(ConditionExpression.MaxNestingDepth + 1), out _, out var error));
        Assert.Contains("nests deeper than 100 levels", error!.Message, StringComparison.Ordinal);
        // The error points at the '(' or '!' that goes one level too deep.
        Assert.Equal((ConditionExpression.MaxNestingDepth + 1) * open.Length - 1, error.Position);
    }

    [Fact]
    public void Absurd_nesting_is_an_error_not_a_stack_overflow()
    {
        var text = new string('(', 1_000_000) + "true" + new string(')', 1_000_000);

        Assert.False(ConditionExpression.TryParse(text, out _, out var error));
        Assert.Equal(100, error!.Position);
    }

    [Fact]
    public void Long_chains_of_operators_parse_and_evaluate_without_deep_recursion()
    {
        var ands = string.Join(" && ", Enumerable.Repeat("input.n > 1", 50_000));
        var ors = string.Join(" || ", Enumerable.Repeat("false", 50_000)) + " || true";

        Assert.True(ConditionExpression.Parse(ands).Evaluate(Data));
        Assert.True(ConditionExpression.Parse(ors).Evaluate(Data));
        Assert.Equal(50_000, ConditionExpression.Parse(ands).Paths.Count);
    }

    [Theory]
    [InlineData("1e400 > 1e399", true)]
    [InlineData("1e99999999999999999999999 > 1", true)]
    [InlineData("-1e99999999999999999999999 < -1", true)]
    [InlineData("1e-99999999999999999999999 > 0", true)]
    [InlineData("1e-99999999999999999999999 == 0", false)]
    public void Huge_and_tiny_numbers_compare_without_overflow(string text, bool expected) =>
        Assert.Equal(expected, Evaluate(text));

    [Fact]
    public void A_number_of_many_digits_is_compared_exactly()
    {
        var digits = new string('9', 5000);

        Assert.True(Evaluate($"{digits} < {digits}1"));
        Assert.True(Evaluate($"{digits}.0 == {digits}"));
        Assert.False(Evaluate($"{digits} == {digits}8"));
    }

    [Fact]
    public void Short_circuiting_skips_the_rest_of_a_chain()
    {
        var source = new CountingSource(Data);

        Assert.False(ConditionExpression.Parse("input.no && input.n && input.text").Evaluate(source));
        Assert.Equal(["input.no"], source.Read);
        source.Read.Clear();
        Assert.True(ConditionExpression.Parse("input.yes || input.n").Evaluate(source));
        Assert.Equal(["input.yes"], source.Read);
    }

    [Fact]
    public void A_source_that_hands_back_a_default_element_reads_as_missing()
    {
        var expression = ConditionExpression.Parse("input.x == null && !exists(input.x) && length(input.x) == null");

        Assert.True(expression.Evaluate(new DefaultElementSource()));
    }

    [Fact]
    public void Strings_whose_escapes_cannot_be_unescaped_are_compared_without_throwing()
    {
        var data = JsonPathValueSource.Parse("""{ "input": { "bad": "\ud800", "list": ["\udc00", 1], "obj": { "\ud800": 1 } } }""");

        foreach (var text in (string[])[
            "input.bad == 'x'", "input.bad", "length(input.bad) > 0", "contains(input.bad, 'd')",
            "contains(input.list, input.bad)", "input.list == input.list", "input.obj == input.obj", "input.bad < 'z'",
            "contains(input.obj, 'a')", "input.obj.a == 1"])
        {
            ConditionExpression.Parse(text).Evaluate(data);
        }

        Assert.True(ConditionExpression.Parse("input.bad == input.bad").Evaluate(data));
    }

    [Fact]
    public void Random_garbage_never_throws_and_errors_point_inside_the_text()
    {
        var random = new Random(7_340_033);
        const string alphabet = "()!=<>&|,.[]'\"\\ -0123456789eE.truefalsnulxistcontainslength input steps run fetch output status_😀é\u0000\t\u2028";
        var parsed = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = DataPathTests.RandomText(random, alphabet, random.Next(0, 40));
            if (ConditionExpression.TryParse(text, out var expression, out var error))
            {
                parsed++;
                expression!.Evaluate(Data);
                Assert.All(expression.Paths, path => Assert.True(DataPath.TryParse(path.Text, out _, out _)));
            }
            else
            {
                Assert.InRange(error!.Position, 0, text.Length);
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
            }
        }

        Assert.True(parsed > 0, "the generator should produce some valid expressions too");
    }

    [Fact]
    public void Random_well_formed_expressions_evaluate_over_random_data_without_throwing()
    {
        var random = new Random(1_000_003);
        string[] paths = ["input", "input.a", "input.a[0]", "input.b.c", "input['x y']", "steps.s.output", "steps.s.status", "run.name"];
        string[] literals = ["0", "-1.5e3", "1e400", "''", "'a'", "\"😀\"", "true", "false", "null"];
        for (var i = 0; i < 300; i++)
        {
            var data = new JsonPathValueSource(System.Text.Json.JsonDocument.Parse(RandomDocument(random)).RootElement);
            var expression = ConditionExpression.Parse(RandomExpression(random, paths, literals, 4));
            expression.Evaluate(data);
        }
    }

    private static bool Evaluate(string text) => ConditionExpression.Parse(text).Evaluate(Data);

    private static string RandomExpression(Random random, string[] paths, string[] literals, int depth)
    {
        if (depth == 0 || random.Next(4) == 0)
        {
            return random.Next(2) == 0 ? paths[random.Next(paths.Length)] : literals[random.Next(literals.Length)];
        }

        string Sub() => RandomExpression(random, paths, literals, depth - 1);
        return random.Next(9) switch
        {
            0 => $"({Sub()} && {Sub()})",
            1 => $"({Sub()} || {Sub()})",
            2 => $"!{Sub()}",
            3 => $"exists({paths[random.Next(paths.Length)]})",
            4 => $"contains({Sub()}, {Sub()})",
            5 => $"length({Sub()})",
            _ => $"({Sub()} {new[] { "==", "!=", "<", "<=", ">", ">=" }[random.Next(6)]} {Sub()})",
        };
    }

    private static string RandomDocument(Random random)
    {
        string Value(int depth)
        {
            switch (depth == 0 ? random.Next(6) : random.Next(8))
            {
                case 0: return "null";
                case 1: return random.Next(2) == 0 ? "true" : "false";
                case 2: return new[] { "0", "-0", "1", "2.5", "1e400", "-1E-400", "123456789012345678901234567890" }[random.Next(7)];
                case 3: return new[] { "\"\"", "\"a\"", "\"😀\"", "\"\\ud800\"", "\"Succeeded\"" }[random.Next(5)];
                case 4: return "\"x\"";
                case 5: return "[]";
                case 6: return "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => Value(depth - 1))) + "]";
                default:
                    var keys = new[] { "a", "b", "c", "x y", "output", "status", "s" };
                    return "{" + string.Join(",", keys.Where(_ => random.Next(2) == 0).Select(key => $"\"{key}\":{Value(depth - 1)}")) + "}";
            }
        }

        var builder = new StringBuilder("{\"input\":").Append(Value(3))
            .Append(",\"steps\":{\"s\":").Append(Value(3)).Append("},\"run\":").Append(Value(2)).Append('}');
        return builder.ToString();
    }

    private sealed class CountingSource(IPathValueSource inner) : IPathValueSource
    {
        public List<string> Read { get; } = [];

        public bool TryResolve(DataPath path, out System.Text.Json.JsonElement value)
        {
            Read.Add(path.Text);
            return inner.TryResolve(path, out value);
        }
    }

    private sealed class DefaultElementSource : IPathValueSource
    {
        public bool TryResolve(DataPath path, out System.Text.Json.JsonElement value)
        {
            value = default;
            return true;
        }
    }
}
