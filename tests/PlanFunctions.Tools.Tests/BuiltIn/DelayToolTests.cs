using Microsoft.Extensions.Time.Testing;
using PlanFunctions.Tools.BuiltIn;
using PlanFunctions.Tools.Tests.TestSupport;

namespace PlanFunctions.Tools.Tests.BuiltIn;

public sealed class DelayToolTests
{
    [Fact]
    public async Task Waits_the_milliseconds_on_its_clock_and_reports_them()
    {
        var time = new FakeTimeProvider();
        var tool = new DelayTool(time);

        var running = tool.ExecuteAsync(Json.Invocation("""{ "milliseconds": 5000 }"""), CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.False(running.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(result.Succeeded);
        Assert.Equal(5000, result.Output.GetProperty("waitedMs").GetInt32());
    }

    [Fact]
    public async Task Zero_milliseconds_returns_at_once()
    {
        var result = await new DelayTool(new FakeTimeProvider()).ExecuteAsync(Json.Invocation("""{ "milliseconds": 0 }"""), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(0, result.Output.GetProperty("waitedMs").GetInt32());
    }

    [Fact]
    public async Task A_cancelled_token_stops_the_wait_at_once()
    {
        var tool = new DelayTool(TimeProvider.System);
        using var cancellation = new CancellationTokenSource();

        var running = tool.ExecuteAsync(Json.Invocation("""{ "milliseconds": 600000 }"""), cancellation.Token);
        await cancellation.CancelAsync();

        // The deadline only bounds a broken implementation; a working one ends as soon as the token fires.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData("{}", "milliseconds", "is required")]
    [InlineData("""{ "milliseconds": -1 }""", "milliseconds", "whole number from 0")]
    [InlineData("""{ "milliseconds": 1.5 }""", "milliseconds", "whole number from 0")]
    [InlineData("""{ "milliseconds": "100" }""", "milliseconds", "not a string")]
    [InlineData("""{ "milliseconds": 10, "ms": 5 }""", "ms", "unknown parameter")]
    public void Bad_parameters_are_rejected_naming_the_property(string parameters, string property, string message)
    {
        var problem = Assert.Single(new DelayTool(TimeProvider.System).CheckParameters(Json.Parse(parameters)));

        Assert.Equal(property, problem.Property);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_is_accepted_where_a_number_is_expected()
    {
        Assert.Empty(new DelayTool(TimeProvider.System).CheckParameters(Json.Parse("""{ "milliseconds": "{{ input.wait }}" }""")));
    }

    [Fact]
    public async Task A_filled_template_of_the_wrong_type_fails_without_retry()
    {
        var result = await new DelayTool(TimeProvider.System).ExecuteAsync(Json.Invocation("""{ "milliseconds": "soon" }"""), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Contains("milliseconds", result.Message, StringComparison.Ordinal);
    }
}
