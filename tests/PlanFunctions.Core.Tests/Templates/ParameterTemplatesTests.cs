using System.Text.Json;
using PlanFunctions.Core.Paths;
using PlanFunctions.Core.Templates;
using PlanFunctions.Core.Tests.Paths;

namespace PlanFunctions.Core.Tests.Templates;

public sealed class ParameterTemplatesTests
{
    private static readonly JsonPathValueSource Data = JsonPathValueSource.Parse("""
        {
          "input": { "name": "Ada", "n": 3, "ratio": 1.50, "flag": true, "nothing": null, "list": [1, "two", { "x": null }],
                     "obj": { "a": 1, "b": [true] }, "quote": "say \"hi\" \\ there", "unicode": "日本 😀", "html": "<b>&</b>" },
          "steps": { "fetch": { "output": { "body": { "total": 42, "items": [{ "id": 1 }, { "id": 2 }] } },
                                "status": "Succeeded", "attempts": 2 } },
          "run": { "instanceId": "abc", "name": "Morning report" }
        }
        """);

    [Fact]
    public void Scan_finds_every_template_with_its_location_in_document_order()
    {
        var scan = ParameterTemplates.Scan(Json("""
            {
              "url": "https://x.test/{{ input.name }}/{{input.n}}",
              "headers": { "Authorization": "Bearer {{ steps.auth.output.token }}", "Content-Type": "{{run.name}}" },
              "items": ["plain", 1, null, { "deep": ["{{ steps.fetch.output.body.items[0].id }}"] }],
              "{{ not.a.template }}": "property names are not scanned",
              "odd 'key'": "{{ run.instanceId }}"
            }
            """));

        Assert.Empty(scan.Problems);
        Assert.Equal(
            [
                ("$.url", "input.name"), ("$.url", "input.n"),
                ("$.headers.Authorization", "steps.auth.output.token"), ("$.headers['Content-Type']", "run.name"),
                ("$.items[3].deep[0]", "steps.fetch.output.body.items[0].id"), ("$['odd \\'key\\'']", "run.instanceId"),
            ],
            scan.References.Select(reference => (reference.Location, reference.Path.Text)));
        Assert.Equal(["auth", "fetch"], scan.References.Select(reference => reference.Path.StepId).OfType<string>());
    }

    [Theory]
    [InlineData("""{ "a": "no templates here", "b": [1, { "c": "{ single } braces }} {" }] }""")]
    [InlineData("""[]""")]
    [InlineData("""{}""")]
    [InlineData("""42""")]
    public void Scan_of_parameters_without_templates_finds_nothing(string json)
    {
        var scan = ParameterTemplates.Scan(Json(json));

        Assert.Empty(scan.References);
        Assert.Empty(scan.Problems);
    }

    [Theory]
    [InlineData("x {{ input.a", 2, "unterminated template: '{{' has no closing '}}'")]
    [InlineData("{{}}", 0, "empty template")]
    [InlineData("a {{   }} b", 2, "empty template")]
    [InlineData("{{ foo.bar }}", 3, "unknown root 'foo': a path starts with input, steps or run")]
    [InlineData("Hi {{ steps.fetch }}", 17, "after steps.fetch comes output, status, attempts or error")]
    [InlineData("{{input.a b}}", 9, "unexpected ' ' in a path")]
    [InlineData("{{ input['x }}']", 9, "unterminated string")]
    [InlineData("{{{ input }}}", 2, "expected a path")]
    public void Scan_reports_templates_that_do_not_parse_with_the_position_in_their_string(string text, int position, string message)
    {
        var scan = ParameterTemplates.Scan(Json(JsonSerializer.Serialize(new { body = new { text } })));

        var problem = Assert.Single(scan.Problems);
        Assert.Equal("$.body.text", problem.Location);
        Assert.Equal(position, problem.Position);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_reports_every_problem_at_once_and_keeps_the_good_templates()
    {
        var scan = ParameterTemplates.Scan(Json("""
            { "a": "{{ input.ok }} {{ bad }} {{ run.name }} {{ }}", "b": ["{{ steps.x.nope }}"], "c": "{{ input.fine }}" }
            """));

        Assert.Equal(
            [("$.a", 18), ("$.a", 40), ("$.b[0]", 11)],
            scan.Problems.Select(problem => (problem.Location, problem.Position)));
        Assert.Equal(["input.ok", "run.name", "input.fine"], scan.References.Select(reference => reference.Path.Text));
    }

    [Fact]
    public void Scan_rejects_a_string_with_templates_longer_than_the_limit()
    {
        var text = "{{ input.a }}" + new string('x', 100);
        var parameters = Json(JsonSerializer.Serialize(new { prompt = text, plain = new string('y', 500) }));

        var scan = ParameterTemplates.Scan(parameters, maxTemplateLength: 100);

        var problem = Assert.Single(scan.Problems);
        Assert.Equal("$.prompt", problem.Location);
        Assert.Contains("at most 100 characters; this one has 113", problem.Message, StringComparison.Ordinal);
        Assert.Empty(scan.References);
        Assert.Empty(ParameterTemplates.Scan(parameters, maxTemplateLength: 113).Problems);
    }

    [Fact]
    public void Scan_handles_odd_unicode_in_keys_and_text()
    {
        var scan = ParameterTemplates.Scan(Json("""{ "日本": "😀{{ input['é 😀'] }}😀", "": ["{{input}}"], "a\u0001": "{{ run.name }}" }"""));

        Assert.Empty(scan.Problems);
        Assert.Equal(["$['日本']", "$[''][0]", "$['a\\u0001']"], scan.References.Select(reference => reference.Location));
        Assert.Equal("é 😀", scan.References[0].Path.Segments[1].Name);
    }

    [Theory]
    [InlineData("{{ steps.fetch.output.body.total }}", "42")]
    [InlineData("{{input.ratio}}", "1.50")]
    [InlineData("{{ input.flag }}", "true")]
    [InlineData("{{ input.nothing }}", "null")]
    [InlineData("{{ input.name }}", "\"Ada\"")]
    [InlineData("{{ input.list }}", """[1, "two", { "x": null }]""")]
    [InlineData("{{ input.obj }}", """{ "a": 1, "b": [true] }""")]
    [InlineData("{{ steps.fetch.output.body.items[1] }}", """{ "id": 2 }""")]
    [InlineData("{{ steps.fetch.attempts }}", "2")]
    [InlineData("{{\tinput.n\n}}", "3")]
    public void A_string_that_is_exactly_one_template_takes_the_type_of_its_value(string template, string expected)
    {
        var result = Render(JsonSerializer.Serialize(new { value = template }));

        Assert.True(result.Succeeded, result.Error);
        AssertJsonEqual($$"""{ "value": {{expected}} }""", result.Value);
    }

    [Theory]
    [InlineData("Total: {{ steps.fetch.output.body.total }}", "Total: 42")]
    [InlineData(" {{ input.n }}", " 3")]
    [InlineData("{{ input.n }} ", "3 ")]
    [InlineData("{{ input.n }}{{ input.n }}", "33")]
    [InlineData("Hello {{input.name}}, {{ input.name }}!", "Hello Ada, Ada!")]
    [InlineData("flag={{ input.flag }} none={{ input.nothing }}", "flag=true none=null")]
    [InlineData("list={{ input.list }}", "list=[1,\"two\",{\"x\":null}]")]
    [InlineData("obj={{ input.obj }}", "obj={\"a\":1,\"b\":[true]}")]
    [InlineData("ratio {{ input.ratio }}", "ratio 1.50")]
    [InlineData("q: {{ input.quote }}", "q: say \"hi\" \\ there")]
    [InlineData("{{ input.unicode }}!", "日本 😀!")]
    [InlineData("<{{ input.html }}>", "<<b>&</b>>")]
    [InlineData("{{ run.name }} / {{ run.instanceId }} / {{ steps.fetch.status }}", "Morning report / abc / Succeeded")]
    [InlineData("{ {{ input.n }} }", "{ 3 }")]
    public void Templates_inside_text_are_written_into_the_string(string template, string expected)
    {
        var result = Render(JsonSerializer.Serialize(new { value = template }));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(expected, result.Value.GetProperty("value").GetString());
    }

    [Fact]
    public void Values_written_into_text_are_not_searched_for_templates_again()
    {
        var data = JsonPathValueSource.Parse("""{ "input": { "sneaky": "{{ input.secret }}", "secret": "s3cret" } }""");

        var result = ParameterTemplates.Render(Json("""{ "a": "x {{ input.sneaky }}", "b": "{{ input.sneaky }}" }"""), data);

        Assert.True(result.Succeeded, result.Error);
        AssertJsonEqual("""{ "a": "x {{ input.secret }}", "b": "{{ input.secret }}" }""", result.Value);
    }

    [Fact]
    public void Render_fills_templates_at_every_depth_and_keeps_everything_else()
    {
        var result = Render("""
            {
              "method": "POST",
              "count": 1.0,
              "headers": { "X-Run": "{{ run.instanceId }}", "{{ input.name }}": "key untouched" },
              "body": [ { "ids": "{{ steps.fetch.output.body.items }}", "n": ["{{ input.n }}", "n={{ input.n }}"] }, null, false, 1e3 ]
            }
            """);

        Assert.True(result.Succeeded, result.Error);
        AssertJsonEqual("""
            {
              "method": "POST",
              "count": 1.0,
              "headers": { "X-Run": "abc", "{{ input.name }}": "key untouched" },
              "body": [ { "ids": [{ "id": 1 }, { "id": 2 }], "n": [3, "n=3"] }, null, false, 1e3 ]
            }
            """, result.Value);
        Assert.Equal("1.0", result.Value.GetProperty("count").GetRawText());
        Assert.Equal("1e3", result.Value.GetProperty("body")[3].GetRawText());
    }

    [Theory]
    [InlineData("""{ "a": 1, "b": ["x", { "c": null }], "d": "{ not } a {template}" }""")]
    [InlineData("""[]""")]
    [InlineData("""{}""")]
    [InlineData(""" "just text" """)]
    public void Parameters_without_templates_come_back_equal(string json)
    {
        var parameters = Json(json);

        var result = ParameterTemplates.Render(parameters, Data);

        Assert.True(result.Succeeded);
        Assert.True(JsonElement.DeepEquals(parameters, result.Value));
    }

    [Fact]
    public void The_rendered_value_outlives_the_documents_it_came_from()
    {
        JsonElement rendered;
        using (var document = JsonDocument.Parse("""{ "a": "{{ input.obj }}" }"""))
        {
            rendered = ParameterTemplates.Render(document.RootElement, Data).Value;
        }

        Assert.Equal(1, rendered.GetProperty("a").GetProperty("a").GetInt32());
    }

    [Theory]
    [InlineData("""{ "n": "{{ steps.fetch.output.body.count }}" }""", "template 'steps.fetch.output.body.count' at $.n names nothing")]
    [InlineData("""{ "a": [{ "b": "x {{ input.missing[0] }} y" }] }""", "template 'input.missing[0]' at $.a[0].b names nothing")]
    [InlineData("""{ "h": { "Content-Type": "{{ steps.other.status }}" } }""", "template 'steps.other.status' at $.h['Content-Type'] names nothing")]
    [InlineData("""{ "a": "ok {{ input.n }}", "b": "{{ input.list[3] }}" }""", "template 'input.list[3]' at $.b names nothing")]
    public void A_path_that_does_not_resolve_fails_naming_the_path_and_location(string json, string error)
    {
        var result = Render(json);

        Assert.False(result.Succeeded);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void A_present_null_is_not_a_missing_value()
    {
        var result = Render("""{ "a": "{{ input.list[2].x }}", "b": "v={{ input.list[2].x }}" }""");

        Assert.True(result.Succeeded, result.Error);
        AssertJsonEqual("""{ "a": null, "b": "v=null" }""", result.Value);
    }

    [Fact]
    public void A_template_that_does_not_parse_fails_the_render_with_its_location_and_position()
    {
        var result = Render("""{ "x": { "y": "ok {{ nope }}" } }""");

        Assert.False(result.Succeeded);
        Assert.Equal("template at $.x.y does not parse: unknown root 'nope': a path starts with input, steps or run (at character 6)", result.Error);
    }

    [Fact]
    public void Expansion_past_the_limit_fails_naming_the_location()
    {
        var data = JsonPathValueSource.Parse($$"""{ "input": { "big": "{{new string('x', 600)}}", "arr": [{{string.Join(",", Enumerable.Repeat("1", 300))}}] } }""");
        var parameters = Json("""{ "a": "{{ input.big }}", "b": ["{{ input.big }}", "c: {{ input.big }}"] }""");

        var fits = ParameterTemplates.Render(parameters, data, maxExpansionChars: 1800);
        var tooMuch = ParameterTemplates.Render(parameters, data, maxExpansionChars: 1799);
        var wholeArray = ParameterTemplates.Render(Json("""{ "a": "{{ input.arr }}" }"""), data, maxExpansionChars: 500);

        Assert.True(fits.Succeeded, fits.Error);
        Assert.Equal("templates at $.b[1] expand past the limit of 1799 characters", tooMuch.Error);
        Assert.Equal("templates at $.a expand past the limit of 500 characters", wholeArray.Error);
    }

    [Fact]
    public void Strings_whose_escapes_spell_unpaired_surrogates_do_not_make_rendering_throw()
    {
        var data = JsonPathValueSource.Parse("""{ "input": { "bad": "\ud800", "list": ["\udc00"] } }""");
        var parameters = Json("""{ "a": "{{ input.bad }}", "b": "x{{ input.list }}", "c": "\ud800 {{ input.list }}", "d": "\udc00" }""");

        var result = ParameterTemplates.Render(parameters, data);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("\"\\ud800\"", result.Value.GetProperty("a").GetRawText());
        Assert.Equal("\"\\udc00\"", result.Value.GetProperty("d").GetRawText());
    }

    [Fact]
    public void Deep_parameters_are_scanned_and_rendered()
    {
        const int depth = 200;
        var json = string.Concat(Enumerable.Repeat("[", depth)) + "\"{{ input.n }}\"" + string.Concat(Enumerable.Repeat("]", depth));
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = depth + 1 });

        var scan = ParameterTemplates.Scan(document.RootElement);
        var result = ParameterTemplates.Render(document.RootElement, Data);

        Assert.Equal("$" + string.Concat(Enumerable.Repeat("[0]", depth)), Assert.Single(scan.References).Location);
        Assert.True(result.Succeeded, result.Error);
        var inner = result.Value;
        for (var i = 0; i < depth; i++)
        {
            inner = inner[0];
        }

        Assert.Equal(3, inner.GetInt32());
    }

    [Fact]
    public void Random_strings_never_make_scan_or_render_throw()
    {
        var random = new Random(424_242);
        const string alphabet = "{{}} {}input.nsteps.fetch.output.body.totalrun.name['x']\"\\😀é\u0000";
        for (var i = 0; i < 1000; i++)
        {
            var text = DataPathTests.RandomText(random, alphabet, random.Next(0, 50));
            var parameters = Json(JsonSerializer.Serialize(new { a = text, b = new[] { text } }));

            var scan = ParameterTemplates.Scan(parameters);
            var result = ParameterTemplates.Render(parameters, Data);

            Assert.All(scan.Problems, problem => Assert.InRange(problem.Position, 0, text.Length));
            if (scan.Problems.Count > 0)
            {
                Assert.Contains("does not parse", result.Error, StringComparison.Ordinal);
            }
            else if (!result.Succeeded)
            {
                Assert.EndsWith("names nothing", result.Error, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Bad_arguments_are_argument_errors()
    {
        Assert.Throws<ArgumentNullException>(() => ParameterTemplates.Render(Json("{}"), null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParameterTemplates.Scan(Json("{}"), maxTemplateLength: 0));
    }

    private static TemplateRenderResult Render(string json) => ParameterTemplates.Render(Json(json), Data);

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static void AssertJsonEqual(string expected, JsonElement actual)
    {
        using var document = JsonDocument.Parse(expected);
        Assert.True(JsonElement.DeepEquals(document.RootElement, actual), $"expected {expected}\nactual   {actual.GetRawText()}");
    }
}
