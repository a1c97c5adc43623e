using System.Text.Json;
using PlanFunctions.Core.Paths;

namespace PlanFunctions.Core.Tests.Paths;

public sealed class JsonPathValueSourceTests
{
    private static readonly JsonPathValueSource Source = JsonPathValueSource.Parse("""
        {
          "input": { "a": { "b": [10, 20, { "c": "deep" }] }, "odd key": true, "nothing": null },
          "steps": {
            "fetch": { "output": { "body": { "total": 3 } }, "status": "Succeeded", "attempts": 2, "error": null },
            "my-step": { "output": "plain text" }
          },
          "run": { "instanceId": "abc123", "name": "Morning report" }
        }
        """);

    [Theory]
    [InlineData("input.a.b[0]", "10")]
    [InlineData("input.a.b[2].c", "\"deep\"")]
    [InlineData("input['odd key']", "true")]
    [InlineData("input.nothing", "null")]
    [InlineData("steps.fetch.output.body", """{ "total": 3 }""")]
    [InlineData("steps.fetch.status", "\"Succeeded\"")]
    [InlineData("steps.fetch.attempts", "2")]
    [InlineData("steps.my-step.output", "\"plain text\"")]
    [InlineData("run.instanceId", "\"abc123\"")]
    [InlineData("run.name", "\"Morning report\"")]
    public void Paths_resolve_to_the_value_they_name(string path, string expected)
    {
        Assert.True(Source.TryResolve(DataPath.Parse(path), out var value));
        using var expectedDocument = JsonDocument.Parse(expected);
        Assert.True(JsonElement.DeepEquals(expectedDocument.RootElement, value), value.GetRawText());
    }

    [Theory]
    [InlineData("input.missing")]
    [InlineData("input.a.b[3]")]
    [InlineData("input.a.b.c")]
    [InlineData("input.a[0]")]
    [InlineData("input.nothing.x")]
    [InlineData("steps.other.output")]
    [InlineData("steps.my-step.output.text")]
    [InlineData("steps.my-step.status")]
    public void Paths_that_lead_nowhere_do_not_resolve(string path)
    {
        Assert.False(Source.TryResolve(DataPath.Parse(path), out _));
    }

    [Fact]
    public void The_source_keeps_working_after_its_document_is_disposed()
    {
        JsonPathValueSource source;
        using (var document = JsonDocument.Parse("""{ "input": [1, 2] }"""))
        {
            source = new JsonPathValueSource(document.RootElement);
        }

        Assert.True(source.TryResolve(DataPath.Parse("input[1]"), out var value));
        Assert.Equal(2, value.GetInt32());
    }

    [Fact]
    public void A_default_element_resolves_nothing()
    {
        var source = new JsonPathValueSource(default);

        Assert.False(source.TryResolve(DataPath.Parse("input"), out _));
    }
}
