using System.Text.Json;
using PlanFunctions.Tools.BuiltIn;
using PlanFunctions.Tools.Tests.TestSupport;

namespace PlanFunctions.Tools.Tests.BuiltIn;

public sealed class EchoToolTests
{
    private readonly EchoTool _tool = new();

    [Fact]
    public async Task Returns_its_parameters_as_its_output()
    {
        var result = await _tool.ExecuteAsync(Json.Invocation("""{ "n": 3, "items": ["a", { "b": null }] }"""), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("""{"n":3,"items":["a",{"b":null}]}""", JsonSerializer.Serialize(result.Output));
    }

    [Fact]
    public async Task Missing_parameters_echo_an_empty_object()
    {
        var invocation = Json.Invocation("{}") with { Parameters = default };

        var result = await _tool.ExecuteAsync(invocation, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(JsonValueKind.Object, result.Output.ValueKind);
        Assert.Empty(result.Output.EnumerateObject());
    }

    [Fact]
    public void Any_parameters_object_is_accepted_with_templates()
    {
        Assert.Empty(_tool.CheckParameters(Json.Parse("""{ "anything": "{{ input.x }}", "n": 1 }""")));
    }

    [Fact]
    public void Parameters_that_are_not_an_object_are_rejected()
    {
        var problem = Assert.Single(_tool.CheckParameters(Json.Parse("[1, 2]")));

        Assert.Equal(string.Empty, problem.Property);
        Assert.Contains("must be a JSON object, not an array", problem.Message, StringComparison.Ordinal);
    }
}
