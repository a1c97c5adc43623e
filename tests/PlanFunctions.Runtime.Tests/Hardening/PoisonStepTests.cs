using System.Diagnostics;
using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.Tests.Engine;
using Xunit.Abstractions;

namespace PlanFunctions.Runtime.Tests.Hardening;

/// <summary>One engine with the poison tool, a one-second grace period and a quick liveness check.</summary>
public sealed class PoisonEngineFixture : IAsyncLifetime
{
    internal static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    internal HardeningEngine Engine { get; private set; } = null!;

    public async Task InitializeAsync() => Engine = await HardeningEngine.StartAsync(options =>
    {
        options.CancellationGracePeriod = Grace;
        options.ActivityCheckInterval = TimeSpan.FromSeconds(1);
    });

    public async Task DisposeAsync() => await Engine.DisposeAsync();
}

/// <summary>
/// Poison steps (issue 7): a tool that ignores its cancellation, throws what nobody expects or returns what cannot be
/// an output ends its attempt as failed, with a message a user can read, within its timeout plus the grace period;
/// and the host goes on serving other runs meanwhile.
/// </summary>
public sealed class PoisonStepTests(PoisonEngineFixture fixture, ITestOutputHelper output) : IClassFixture<PoisonEngineFixture>
{
    private const double StepTimeoutSeconds = 1;
    private const int Attempts = 2;

    // Per attempt: its timeout and the grace period; then the retry interval, and slack for a loaded 2-core machine.
    private static readonly TimeSpan Bound =
        (TimeSpan.FromSeconds(StepTimeoutSeconds) + PoisonEngineFixture.Grace) * Attempts + TimeSpan.FromSeconds(10);

    private const string NormalPlan = """
        { "name": "normal", "steps": [
            { "id": "a", "tool": "echo", "parameters": { "n": 1 } },
            { "id": "pause", "tool": "delay", "dependsOn": ["a"], "parameters": { "milliseconds": 200 } },
            { "id": "b", "tool": "echo", "dependsOn": ["pause"], "parameters": { "n": 2 } } ] }
        """;

    private HardeningEngine Engine => fixture.Engine;

    [Theory]
    // A tool that ignores its token ends by the orchestrator's timeout or, when a loaded machine delays that, by the
    // activity's grace period: both are the attempt failing after its timeout plus grace.
    [InlineData("ignoresCancellation", "timed out|did not stop within")]
    [InlineData("blocksThread", "timed out|did not stop within")]
    [InlineData("aggregate", "first inner fault")]
    [InlineData("typeLoad", "Vendor.Missing")]
    [InlineData("strayCancellation", "an inner request was cancelled")]
    [InlineData("undefinedOutput", "must be a JSON value")]
    public async Task A_poison_step_fails_with_a_readable_message_within_its_timeout_and_grace(string kind, string expected)
    {
        var clock = Stopwatch.StartNew();
        var id = await Engine.StartAsync(PoisonPlan(kind));
        var normal = await Engine.StartAsync(NormalPlan);

        var status = await Engine.WaitForEndAsync(id, Bound);
        output.WriteLine($"{kind}: ended {status.RuntimeStatus} after {clock.Elapsed.TotalSeconds:0.0} s: {status.Output!.Steps["poison"].Error}");

        var step = status.Output!.Steps["poison"];
        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(StepStatus.Failed, step.Status);
        Assert.Matches(expected, step.Error);
        AssertReadable(step.Error);
        Assert.Equal(RuntimeStatus.Completed, (await Engine.WaitForEndAsync(normal, Bound)).RuntimeStatus);
    }

    [Fact]
    public async Task A_tool_whose_exception_cannot_be_read_fails_its_step_naming_the_exception_type()
    {
        var id = await Engine.StartAsync(PoisonPlan("unreadableMessage"));

        var status = await Engine.WaitForEndAsync(id, Bound);

        var step = status.Output!.Steps["poison"];
        Assert.Equal(StepStatus.Failed, step.Status);
        Assert.Contains(nameof(UnreadableMessageException), step.Error);
        Assert.DoesNotContain("timed out", step.Error);
        AssertReadable(step.Error);
    }

    [Fact]
    public async Task A_tool_that_returns_no_result_fails_its_step_naming_the_tool()
    {
        var id = await Engine.StartAsync(PoisonPlan("nullResult"));

        var status = await Engine.WaitForEndAsync(id, Bound);

        var step = status.Output!.Steps["poison"];
        Assert.Equal(StepStatus.Failed, step.Status);
        Assert.Contains("poison", step.Error);
        AssertReadable(step.Error);
    }

    [Fact]
    public async Task An_output_nested_deeper_than_json_allows_fails_the_step_at_once_saying_why()
    {
        // Well inside its timeout: the tool returns at once, so the step must not wait for its deadline to fail.
        var id = await Engine.StartAsync("""
            { "name": "deep", "steps": [
                { "id": "poison", "tool": "poison", "parameters": { "kind": "tooDeep", "depth": 300 }, "timeoutSeconds": 60,
                  "retry": { "maxNumberOfAttempts": 1 } } ] }
            """);

        var status = await Engine.WaitForEndAsync(id, Bound);

        var step = status.Output!.Steps["poison"];
        output.WriteLine($"deep: {status.RuntimeStatus}, {step.Attempts} attempts: {step.Error}");
        Assert.Equal(StepStatus.Failed, step.Status);
        Assert.Contains("depth", step.Error, StringComparison.OrdinalIgnoreCase);
        AssertReadable(step.Error);
    }

    [Fact]
    public async Task Runs_go_on_completing_while_tools_that_ignore_cancellation_hold_threads()
    {
        // Four steps block a thread pool thread each for 20 s, more than the two cores' worth of threads the pool starts with.
        var poisoned = await Engine.StartAsync("""
            { "name": "blockers", "steps": [
                { "id": "b1", "tool": "poison", "parameters": { "kind": "blocksThread" }, "timeoutSeconds": 1, "retry": { "maxNumberOfAttempts": 1 } },
                { "id": "b2", "tool": "poison", "parameters": { "kind": "blocksThread" }, "timeoutSeconds": 1, "retry": { "maxNumberOfAttempts": 1 } },
                { "id": "b3", "tool": "poison", "parameters": { "kind": "blocksThread" }, "timeoutSeconds": 1, "retry": { "maxNumberOfAttempts": 1 } },
                { "id": "b4", "tool": "poison", "parameters": { "kind": "blocksThread" }, "timeoutSeconds": 1, "retry": { "maxNumberOfAttempts": 1 } } ] }
            """);
        await Eventually.TrueAsync(() => PoisonTool.CallsOf(poisoned, "b4") > 0, TimeSpan.FromSeconds(10), "the blocking steps did not start");
        var clock = Stopwatch.StartNew();

        var normal = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Engine.StartAsync(NormalPlan)));
        var statuses = await Task.WhenAll(normal.Select(id => Engine.WaitForEndAsync(id, TimeSpan.FromSeconds(15))));
        output.WriteLine($"20 normal runs completed {clock.Elapsed.TotalSeconds:0.0} s after the blockers started");

        Assert.All(statuses, s => Assert.Equal(RuntimeStatus.Completed, s.RuntimeStatus));
        var blocked = await Engine.WaitForEndAsync(poisoned, Bound);
        Assert.Equal(RuntimeStatus.Failed, blocked.RuntimeStatus);
        // Either the orchestrator's timeout or, when a loaded machine delays it, the activity's grace period ends the step.
        Assert.All(blocked.Output!.Steps.Values, step => Assert.True(
            step.Error!.Contains("timed out", StringComparison.Ordinal) || step.Error.Contains("did not stop within", StringComparison.Ordinal),
            step.Error));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the blocked run ended only when its tools returned by themselves, not after its timeout and grace");
    }

    private static string PoisonPlan(string kind) => $$"""
        { "name": "poison-{{kind}}", "steps": [
            { "id": "poison", "tool": "poison", "parameters": { "kind": "{{kind}}" }, "timeoutSeconds": {{StepTimeoutSeconds}},
              "retry": { "maxNumberOfAttempts": {{Attempts}}, "firstRetryIntervalSeconds": 0.05 } } ] }
        """;

    /// <summary>An error a user reads: one or two sentences, no stack trace, no nested exception dump.</summary>
    private static void AssertReadable(string? error)
    {
        Assert.False(string.IsNullOrWhiteSpace(error), "the step has no error");
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("--->", error);
        Assert.DoesNotContain("\n", error);
    }
}
