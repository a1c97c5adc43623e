using PlanFunctions.Tools.BuiltIn;
using PlanFunctions.Tools.Tests.TestSupport;

namespace PlanFunctions.Tools.Tests.BuiltIn;

public sealed class FailToolTests
{
    private readonly FailTool _tool = new();

    [Fact]
    public async Task Fails_the_first_attempts_then_returns_the_attempt_count()
    {
        const string parameters = """{ "message": "flaky backend", "failTimes": 2 }""";

        var first = await _tool.ExecuteAsync(Json.Invocation(parameters, attempt: 1), CancellationToken.None);
        var second = await _tool.ExecuteAsync(Json.Invocation(parameters, attempt: 2), CancellationToken.None);
        var third = await _tool.ExecuteAsync(Json.Invocation(parameters, attempt: 3), CancellationToken.None);

        Assert.All([first, second], failed =>
        {
            Assert.False(failed.Succeeded);
            Assert.True(failed.Retryable);
            Assert.Equal("flaky backend", failed.Message);
        });
        Assert.True(third.Succeeded);
        Assert.Equal(3, third.Output.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Without_failTimes_every_attempt_fails()
    {
        var result = await _tool.ExecuteAsync(Json.Invocation("{}", attempt: 57), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("57", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retryable_false_makes_the_failure_final()
    {
        var result = await _tool.ExecuteAsync(Json.Invocation("""{ "retryable": false }"""), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
    }

    [Fact]
    public void Every_bad_parameter_is_reported_at_once()
    {
        var problems = _tool.CheckParameters(Json.Parse("""{ "message": 5, "failTimes": 0, "retryable": "yes" }""")).ToList();

        Assert.Equal(["message", "failTimes", "retryable"], problems.Select(p => p.Property));
    }

    [Fact]
    public void Templates_are_accepted_whatever_type_is_expected()
    {
        Assert.Empty(_tool.CheckParameters(Json.Parse(
            """{ "message": "{{ input.why }}", "failTimes": "{{ input.n }}", "retryable": "{{ input.again }}" }""")));
    }
}
