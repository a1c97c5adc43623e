using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PlanFunctions.Core.Results;
using PlanFunctions.Tools.Abstractions;
using PlanFunctions.Tools.Execution;
using PlanFunctions.Tools.Registry;

namespace PlanFunctions.Tools.Tests.Execution;

public sealed class ToolAttemptRunnerTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_tool_that_succeeds_gives_its_output()
    {
        var result = await Run(new ScriptedTool((invocation, _) => Task.FromResult(ToolResult.Success(invocation.Parameters))));

        Assert.NotNull(result);
        Assert.True(result.Succeeded);
        Assert.Equal("""{"n":1}""", result.Output.GetRawText());
    }

    [Fact]
    public async Task An_output_over_the_hosts_limit_is_never_sent()
    {
        var big = JsonSerializer.SerializeToElement(new string('x', 2_000));

        var result = await Run(new ScriptedTool((_, _) => Task.FromResult(ToolResult.Success(big))));

        Assert.Equal(StepAttemptResult.Success(big, 1_024), result);
        Assert.False(result!.Succeeded);
    }

    [Fact]
    public async Task A_tool_that_is_not_registered_fails_without_a_retry() =>
        Assert.Equal(StepAttemptResult.UnknownTool("mystery"), await Run(new ScriptedTool((_, _) => throw new InvalidOperationException()), tool: "mystery"));

    [Fact]
    public async Task A_tools_failure_keeps_its_message_and_retry_advice()
    {
        Assert.Equal(StepAttemptResult.ToolFailed("HTTP 404", retryable: false), await Run(new ScriptedTool((_, _) => Task.FromResult(ToolResult.Failure("HTTP 404", retryable: false)))));
        Assert.Equal(StepAttemptResult.ToolFailed("HTTP 503", retryable: true), await Run(new ScriptedTool((_, _) => throw new ToolException("HTTP 503", retryable: true))));
    }

    [Fact]
    public async Task A_tool_that_returns_no_result_or_throws_is_classified_by_Core()
    {
        Assert.Equal(StepAttemptResult.NoResult("scripted"), await Run(new ScriptedTool((_, _) => Task.FromResult<ToolResult>(null!))));
        Assert.Equal(StepAttemptResult.Threw("InvalidOperationException", "boom"), await Run(new ScriptedTool((_, _) => throw new InvalidOperationException("boom"))));
    }

    [Fact]
    public async Task An_attempt_past_its_deadline_times_out_and_may_be_retried()
    {
        var deadline = _time.GetUtcNow().AddSeconds(-1);

        var result = await Run(new ScriptedTool(async (_, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return ToolResult.Success(default);
        }), deadline: deadline);

        Assert.Equal(StepAttemptResult.DeadlinePassed(1, deadline), result);
    }

    [Fact]
    public async Task A_tool_that_ignores_its_deadline_is_abandoned_after_the_grace_period()
    {
        var never = new TaskCompletionSource<ToolResult>();
        var running = Runner(new ScriptedTool((_, _) => never.Task)).RunAsync(Attempt(deadline: _time.GetUtcNow()), CancellationToken.None);

        _time.Advance(Grace);

        Assert.Equal(StepAttemptResult.Abandoned("scripted", Grace), await running);
    }

    [Fact]
    public async Task An_attempt_the_engine_cancels_reports_nothing()
    {
        using var cancel = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var running = Runner(new ScriptedTool(async (_, token) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return ToolResult.Success(default);
        })).RunAsync(Attempt(deadline: _time.GetUtcNow().AddMinutes(5)), cancel.Token);
        await started.Task;

        await cancel.CancelAsync();

        Assert.Null(await running);
    }

    private Task<StepAttemptResult?> Run(IPlanTool registered, string tool = "scripted", DateTimeOffset? deadline = null) =>
        Runner(registered).RunAsync(Attempt(tool, deadline ?? _time.GetUtcNow().AddMinutes(5)), CancellationToken.None);

    private ToolAttemptRunner Runner(IPlanTool tool) =>
        new(new ToolRegistry([tool]), new ToolAttemptSettings(Grace, MaxStepOutputBytes: 1_024), _time, NullLogger<ToolAttemptRunner>.Instance);

    private static ToolAttempt Attempt(string tool = "scripted", DateTimeOffset deadline = default) =>
        new("run", "a", 1, tool, JsonDocument.Parse("""{"n":1}""").RootElement.Clone(), deadline);

    private sealed class ScriptedTool(Func<ToolInvocation, CancellationToken, Task<ToolResult>> execute) : IPlanTool
    {
        public string Name => "scripted";

        public IEnumerable<(string Property, string Message)> CheckParameters(JsonElement parameters) => [];

        public Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken) => execute(invocation, cancellationToken);
    }
}
