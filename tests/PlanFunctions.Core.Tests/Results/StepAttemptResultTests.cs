using System.Text.Json;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Results;
using PlanFunctions.Core.Tests.Execution;

namespace PlanFunctions.Core.Tests.Results;

public sealed class StepAttemptResultTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_success_becomes_StepSucceeded_with_its_output()
    {
        var result = StepAttemptResult.Success(TestPlans.Json("""{ "n": 1 }"""), 1024);

        var e = Assert.IsType<StepSucceeded>(result.ToEvent("a", 2, Now, 1024));

        Assert.Equal(("a", 2, Now), (e.StepId, e.Attempt, e.Timestamp));
        Assert.Equal("""{ "n": 1 }""", e.Output.GetRawText());
    }

    [Fact]
    public void An_output_over_the_limit_fails_the_attempt_for_good_naming_both_sizes()
    {
        var result = StepAttemptResult.Success(JsonSerializer.SerializeToElement(new string('x', 100)), 50);

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Equal("the step's output is 102 bytes, larger than the limit of 50 bytes", result.Error);
    }

    [Fact]
    public void The_limit_where_the_run_is_decided_applies_again_to_an_output_sent_from_elsewhere()
    {
        var sent = StepAttemptResult.Success(JsonSerializer.SerializeToElement(new string('x', 100)), 1024);

        var e = Assert.IsType<StepFailed>(sent.ToEvent("a", 1, Now, 50));

        Assert.False(e.Retryable);
        Assert.Contains("larger than the limit of 50 bytes", e.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_nested_deeper_than_the_depth_limit_fails_the_attempt()
    {
        var deep = TestPlans.Json(string.Concat(Enumerable.Repeat("[", StepOutputParser.MaxDepth + 1)) + string.Concat(Enumerable.Repeat("]", StepOutputParser.MaxDepth + 1)));

        var result = StepAttemptResult.Success(deep, 1024 * 1024);

        Assert.False(result.Succeeded);
        Assert.Contains("depth limit", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_sent_without_an_output_is_not_taken_as_a_success()
    {
        var e = Assert.IsType<StepFailed>(new StepAttemptResult(succeeded: true, default, null, retryable: false).ToEvent("a", 1, Now, 1024));

        Assert.Equal("the step's output is not a JSON value", e.Error);
    }

    [Fact]
    public void An_attempt_stopped_at_its_deadline_is_recorded_as_a_timeout_also_after_the_wire()
    {
        var stopped = StepAttemptResult.DeadlinePassed(3, Now);
        var sent = JsonSerializer.Deserialize<StepAttemptResult>(JsonSerializer.Serialize(new { stopped.Succeeded, stopped.Error, stopped.Retryable, stopped.TimedOut }))!;

        var e = Assert.IsType<StepTimedOut>(sent.ToEvent("a", 3, Now, 1024));

        Assert.Equal(("a", 3), (e.StepId, e.Attempt));
        Assert.True(stopped.Retryable);
    }

    public static TheoryData<string, StepAttemptResult, string, bool> Failures => new()
    {
        { "unknown tool", StepAttemptResult.UnknownTool("mystery"), "no tool 'mystery' is registered on this host", false },
        { "no result", StepAttemptResult.NoResult("http"), "the tool 'http' returned no result", false },
        { "abandoned", StepAttemptResult.Abandoned("http", TimeSpan.FromSeconds(10)), "the tool 'http' did not stop within 10 s of its cancellation", true },
        { "threw", StepAttemptResult.Threw("InvalidOperationException", "boom"), "InvalidOperationException: boom", true },
        { "threw unreadable", StepAttemptResult.Threw("WeirdException", null), "WeirdException: (the exception's message could not be read)", true },
        { "tool failed", StepAttemptResult.ToolFailed("HTTP 503", retryable: true), "HTTP 503", true },
        { "tool failed silently", StepAttemptResult.ToolFailed(null, retryable: false), "the tool failed", false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_way_an_attempt_fails_has_its_text_and_says_whether_a_retry_may_help(string way, StepAttemptResult result, string error, bool retryable)
    {
        var e = Assert.IsType<StepFailed>(result.ToEvent("a", 1, Now, 1024));

        Assert.True(error == e.Error, $"{way}: {e.Error}");
        Assert.Equal(retryable, e.Retryable);
    }

    [Fact]
    public void A_result_round_trips_through_json_as_an_activity_sends_it()
    {
        var result = StepAttemptResult.Success(TestPlans.Json("""[1, "two", null]"""), 1024);

        var back = JsonSerializer.Deserialize<StepAttemptResult>(JsonSerializer.Serialize(result));

        Assert.NotNull(back);
        Assert.True(back.Succeeded);
        Assert.Equal("""[1,"two",null]""", back.Output.GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal));
    }
}
