using System.Text.Json;
using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Core.Status;
using PlanFunctions.Core.Control;
using PlanFunctions.Client;

namespace PlanFunctions.Runtime.Tests.Engine;

/// <summary>One in-memory engine shared by the tests of a class.</summary>
public sealed class InMemoryEngineFixture : IAsyncLifetime
{
    internal EngineCluster Engine { get; private set; } = null!;

    public async Task InitializeAsync() => Engine = await EngineCluster.StartAsync();

    public async Task DisposeAsync() => await Engine.DisposeAsync();
}

/// <summary>The rules of plan-format.md, run through the real grains on a real (in-process) Orleans cluster.</summary>
public sealed class RunThroughGrainsTests(InMemoryEngineFixture fixture) : IClassFixture<InMemoryEngineFixture>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(20);

    private EngineCluster Engine => fixture.Engine;

    [Fact]
    public async Task A_chain_with_templates_completes_with_the_documented_status()
    {
        var id = await Engine.StartAsync("""
            { "name": "chain", "goal": "count", "input": { "who": "ana" },
              "steps": [
                { "id": "fetch", "tool": "echo", "parameters": { "total": 3, "who": "{{ input.who }}" } },
                { "id": "count", "tool": "echo", "dependsOn": ["fetch"], "parameters": { "n": "{{ steps.fetch.output.total }}" } } ] }
            """);

        var status = await Engine.WaitForEndAsync(id);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal("chain", status.Name);
        Assert.Equal(id, status.InstanceId);
        Assert.Equal(RunOutcome.Succeeded, status.Output!.Outcome);
        Assert.Equal(3, status.Output.Steps["count"].Output!.Value.GetProperty("n").GetInt32());
        Assert.Equal("ana", status.Output.Steps["fetch"].Output!.Value.GetProperty("who").GetString());
        Assert.Equal(2, status.CustomStatus.CompletedSteps);
        Assert.Equal("chain", status.Input!.Value.GetProperty("name").GetString());
        Assert.True(status.LastUpdatedTime >= status.CreatedTime);
        Assert.False(string.IsNullOrEmpty(status.Output.Response));
    }

    [Fact]
    public async Task Retries_happen_through_the_grains_and_each_attempt_calls_the_tool_once()
    {
        var id = await Engine.StartAsync("""
            { "name": "retry", "steps": [
                { "id": "flaky", "tool": "probe", "parameters": { "failTimes": 2 },
                  "retry": { "maxNumberOfAttempts": 3, "firstRetryIntervalSeconds": 0.05 } } ] }
            """);

        var status = await Engine.WaitForEndAsync(id);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(3, status.Output!.Steps["flaky"].Attempts);
        Assert.Equal(3, ProbeTool.CallsOf(id, "flaky"));
    }

    [Fact]
    public async Task Cancel_reaches_the_running_tool_promptly_and_the_run_ends_Canceled()
    {
        var id = await Engine.StartAsync("""
            { "name": "cancel", "steps": [
                { "id": "long", "tool": "probe", "parameters": { "ms": -1 }, "timeoutSeconds": 600 },
                { "id": "after", "tool": "echo", "dependsOn": ["long"] } ] }
            """);
        await Eventually.TrueAsync(() => ProbeTool.IsRunning(id, "long"), Soon, "the tool did not start");

        Assert.Equal(ControlResult.Accepted, await Engine.Client.RaiseEventAsync(id, "cancel", null));

        await Eventually.TrueAsync(() => ProbeTool.WasCancelled(id, "long"), TimeSpan.FromSeconds(5), "the tool's token did not fire");
        var status = await Engine.WaitForEndAsync(id);
        Assert.Equal(RuntimeStatus.Canceled, status.RuntimeStatus);
        Assert.Equal(StepStatus.Cancelled, status.Output!.Steps["after"].Status);
        Assert.Equal(ControlResult.AlreadyEnded, await Engine.Client.RaiseEventAsync(id, "cancel", null));
    }

    [Fact]
    public async Task An_attempt_past_its_timeout_has_its_token_fired_and_is_retried()
    {
        var id = await Engine.StartAsync("""
            { "name": "timeout", "steps": [
                { "id": "slow", "tool": "probe", "parameters": { "ms": -1 }, "timeoutSeconds": 0.5,
                  "retry": { "maxNumberOfAttempts": 2, "firstRetryIntervalSeconds": 0.05 } } ] }
            """);

        var status = await Engine.WaitForEndAsync(id);

        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(2, status.Output!.Steps["slow"].Attempts);
        Assert.True(ProbeTool.WasCancelled(id, "slow"));
        Assert.Contains("timed out", status.Output.Steps["slow"].Error);
    }

    [Fact]
    public async Task Terminate_stops_the_run_at_once_and_cancels_its_tool()
    {
        var id = await Engine.StartAsync("""{ "name": "t", "steps": [ { "id": "long", "tool": "probe", "parameters": { "ms": -1 } } ] }""");
        await Eventually.TrueAsync(() => ProbeTool.IsRunning(id, "long"), Soon, "the tool did not start");

        Assert.Equal(ControlResult.Accepted, await Engine.Client.TerminateAsync(id, "no longer needed"));

        var status = await Engine.Client.GetStatusAsync(id);
        Assert.Equal(RuntimeStatus.Terminated, status!.RuntimeStatus);
        Assert.Contains("no longer needed", status.Output!.Error);
        await Eventually.TrueAsync(() => ProbeTool.WasCancelled(id, "long"), TimeSpan.FromSeconds(5), "the tool's token did not fire");
        Assert.Equal(ControlResult.AlreadyEnded, await Engine.Client.TerminateAsync(id, null));
    }

    [Fact]
    public async Task Suspend_holds_new_steps_and_resume_lets_them_start()
    {
        var id = await Engine.StartAsync("""
            { "name": "s", "steps": [
                { "id": "first", "tool": "waitForEvent", "parameters": { "eventName": "go" } },
                { "id": "second", "tool": "probe", "dependsOn": ["first"] } ] }
            """);
        Assert.Equal(ControlResult.Accepted, await Engine.Client.SuspendAsync(id, "hold on"));

        // The step under way still finishes while suspended; the one after it must not start.
        Assert.Equal(ControlResult.Accepted, await Engine.Client.RaiseEventAsync(id, "go", null));
        await Eventually.TrueAsync(async () => (await Engine.Client.GetStatusAsync(id))!.CustomStatus.CompletedSteps == 1, Soon, "the running step did not finish");
        var suspended = await Engine.Client.GetStatusAsync(id);
        Assert.Equal(RuntimeStatus.Suspended, suspended!.RuntimeStatus);
        Assert.Equal(0, ProbeTool.CallsOf(id, "second"));

        Assert.Equal(ControlResult.Accepted, await Engine.Client.ResumeAsync(id, null));
        var status = await Engine.WaitForEndAsync(id);
        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(1, ProbeTool.CallsOf(id, "second"));
    }

    [Fact]
    public async Task A_raised_event_reaches_the_waitForEvent_step()
    {
        var id = await Engine.StartAsync("""
            { "name": "approval", "steps": [
                { "id": "wait", "tool": "waitForEvent", "parameters": { "eventName": "approved" } },
                { "id": "ship", "tool": "echo", "dependsOn": ["wait"], "parameters": { "by": "{{ steps.wait.output.by }}" } } ] }
            """);
        await Eventually.TrueAsync(async () => (await Engine.Client.GetStatusAsync(id))!.CustomStatus.CurrentStep == "wait", Soon, "the wait did not start");

        var payload = JsonDocument.Parse("""{ "by": "ana" }""").RootElement;
        Assert.Equal(ControlResult.Accepted, await Engine.Client.RaiseEventAsync(id, "approved", payload));

        var status = await Engine.WaitForEndAsync(id);
        Assert.Equal("ana", status.Output!.Steps["ship"].Output!.Value.GetProperty("by").GetString());
    }

    [Fact]
    public async Task ExtendTimeout_moves_the_deadline_and_a_bad_body_is_refused()
    {
        var id = await Engine.StartAsync("""{ "name": "x", "timeoutSeconds": 60, "steps": [ { "id": "w", "tool": "waitForEvent", "parameters": { "eventName": "go" } } ] }""");
        var before = (await Engine.Client.GetStatusAsync(id))!.CustomStatus.RemainingSeconds;

        Assert.Equal(ControlResult.Invalid, await Engine.Client.RaiseEventAsync(id, "extendTimeout", JsonDocument.Parse("""{ "seconds": -5 }""").RootElement));
        Assert.Equal(ControlResult.Accepted, await Engine.Client.RaiseEventAsync(id, "extendTimeout", JsonDocument.Parse("""{ "seconds": 3600 }""").RootElement));

        var after = (await Engine.Client.GetStatusAsync(id))!.CustomStatus.RemainingSeconds;
        Assert.True(after > before + 3500, $"remaining {before} -> {after}");
        await Engine.Client.TerminateAsync(id, null);
    }

    [Fact]
    public async Task StopOnFailure_cancels_the_running_tool_and_fails_the_run()
    {
        var id = await Engine.StartAsync("""
            { "name": "stop", "steps": [
                { "id": "critical", "tool": "fail", "parameters": { "message": "no orders", "retryable": false }, "stopOnFailure": true },
                { "id": "long", "tool": "probe", "parameters": { "ms": -1 } } ] }
            """);

        var status = await Engine.WaitForEndAsync(id);

        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Contains("critical", status.Output!.Error);
        Assert.Equal(StepStatus.Cancelled, status.Output.Steps["long"].Status);
    }

    [Fact]
    public async Task A_running_instance_id_cannot_be_started_again_but_an_ended_one_can()
    {
        var plan = """{ "name": "dup", "steps": [ { "id": "w", "tool": "waitForEvent", "parameters": { "eventName": "go" } } ] }""";
        var id = await Engine.StartAsync(plan);
        var read = Engine.Client.Validate(System.Text.Encoding.UTF8.GetBytes(plan));

        Assert.Equal(StartRunResult.Conflict, await Engine.Client.StartAsync(id, read.Plan!));

        await Engine.Client.TerminateAsync(id, null);
        Assert.Equal(StartRunResult.Started, await Engine.Client.StartAsync(id, read.Plan!));
        Assert.Equal(RuntimeStatus.Running, (await Engine.Client.GetStatusAsync(id))!.RuntimeStatus);
        await Engine.Client.TerminateAsync(id, null);
    }

    [Fact]
    public async Task Purge_is_refused_while_the_run_goes_on_and_forgets_it_after()
    {
        var id = await Engine.StartAsync("""{ "name": "p", "steps": [ { "id": "w", "tool": "waitForEvent", "parameters": { "eventName": "go" } } ] }""");

        Assert.Equal(ControlResult.Conflict, await Engine.Client.PurgeAsync(id));
        await Engine.Client.TerminateAsync(id, null);
        Assert.Equal(ControlResult.Accepted, await Engine.Client.PurgeAsync(id));

        Assert.Null(await Engine.Client.GetStatusAsync(id));
        Assert.Equal(ControlResult.NotFound, await Engine.Client.PurgeAsync(id));
        Assert.Empty((await Engine.Client.ListAsync(new InstanceQuery { InstanceIdPrefix = id })).Instances);
    }

    [Fact]
    public async Task An_unknown_instance_has_no_status_and_refuses_control()
    {
        var id = "never-started-" + Guid.NewGuid().ToString("N");

        Assert.Null(await Engine.Client.GetStatusAsync(id));
        Assert.Equal(ControlResult.NotFound, await Engine.Client.RaiseEventAsync(id, "cancel", null));
        Assert.Equal(ControlResult.NotFound, await Engine.Client.TerminateAsync(id, null));
    }

    [Fact]
    public async Task Runs_are_listed_by_status_and_prefix()
    {
        var prefix = "list-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var done = await Engine.StartAsync("""{ "name": "l", "steps": [ { "id": "a", "tool": "echo" } ] }""", prefix + "done");
        await Engine.StartAsync("""{ "name": "l", "steps": [ { "id": "w", "tool": "waitForEvent", "parameters": { "eventName": "go" } } ] }""", prefix + "waiting");
        await Engine.WaitForEndAsync(done);

        var completed = await Engine.Client.ListAsync(new InstanceQuery { InstanceIdPrefix = prefix, RuntimeStatuses = [RuntimeStatus.Completed] });
        var all = await Engine.Client.ListAsync(new InstanceQuery { InstanceIdPrefix = prefix, Top = 1 });
        var second = await Engine.Client.ListAsync(new InstanceQuery { InstanceIdPrefix = prefix, Top = 1, ContinuationToken = all.ContinuationToken });

        Assert.Equal([prefix + "done"], completed.Instances.Select(i => i.InstanceId));
        Assert.Single(all.Instances);
        Assert.NotNull(all.ContinuationToken);
        Assert.Single(second.Instances);
        Assert.NotEqual(all.Instances[0].InstanceId, second.Instances[0].InstanceId);
        await Engine.Client.TerminateAsync(prefix + "waiting", null);
    }

    [Fact]
    public async Task An_output_over_the_limit_fails_the_step_without_retry()
    {
        var big = new string('x', 300 * 1024);
        var id = await Engine.StartAsync($$"""{ "name": "big", "steps": [ { "id": "huge", "tool": "probe", "parameters": { "output": "{{big}}" } } ] }""");

        var status = await Engine.WaitForEndAsync(id);

        var step = status.Output!.Steps["huge"];
        Assert.Equal(StepStatus.Failed, step.Status);
        Assert.Equal(1, step.Attempts);
        Assert.Contains("bytes", step.Error);
    }

    [Fact]
    public async Task History_is_shown_when_asked_with_outputs_only_when_asked()
    {
        var id = await Engine.StartAsync("""{ "name": "h", "steps": [ { "id": "a", "tool": "echo", "parameters": { "secret": "output" } } ] }""");
        await Engine.WaitForEndAsync(id);

        var plain = await Engine.Client.GetStatusAsync(id, new StatusQuery(ShowHistory: true, ShowInput: false));
        var withOutput = await Engine.Client.GetStatusAsync(id, new StatusQuery(ShowHistory: true, ShowHistoryOutput: true));

        Assert.Null(plain!.Input);
        Assert.Contains(plain.HistoryEvents!, e => e.GetProperty("eventType").GetString() == "RunStarted");
        Assert.DoesNotContain("\"secret\"", string.Join(",", plain.HistoryEvents!.Where(e => e.GetProperty("eventType").GetString() == "StepSucceeded").Select(e => e.GetRawText())));
        Assert.Contains("\"secret\"", string.Join(",", withOutput!.HistoryEvents!.Select(e => e.GetRawText())));
    }

    [Fact]
    public async Task Conditions_skips_and_a_fan_out_with_join_behave_as_the_plan_format_says()
    {
        var id = await Engine.StartAsync("""
            { "name": "rules", "steps": [
                { "id": "count", "tool": "echo", "parameters": { "n": 0 } },
                { "id": "a", "tool": "probe", "dependsOn": ["count"], "parameters": { "ms": 50 } },
                { "id": "b", "tool": "probe", "dependsOn": ["count"], "parameters": { "ms": 50 } },
                { "id": "join", "tool": "echo", "dependsOn": ["a", "b"] },
                { "id": "summarise", "tool": "echo", "dependsOn": ["count"], "condition": "steps.count.output.n > 0" },
                { "id": "send", "tool": "echo", "dependsOn": ["summarise"] },
                { "id": "bad", "tool": "fail", "parameters": { "retryable": false } },
                { "id": "fallback", "tool": "echo", "dependsOn": ["bad"], "condition": "steps.bad.status == 'Failed'" },
                { "id": "after-bad", "tool": "echo", "dependsOn": ["bad"] } ] }
            """);

        var status = await Engine.WaitForEndAsync(id);
        var steps = status.Output!.Steps;

        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(RunOutcome.PartiallySucceeded, status.Output.Outcome);
        Assert.Equal(StepStatus.Succeeded, steps["join"].Status);
        Assert.True(steps["join"].StartedTime >= steps["a"].CompletedTime && steps["join"].StartedTime >= steps["b"].CompletedTime);
        Assert.Equal(StepStatus.Skipped, steps["summarise"].Status);
        Assert.Equal(StepStatus.Skipped, steps["send"].Status);
        Assert.Equal(StepStatus.Succeeded, steps["fallback"].Status);
        Assert.Equal(StepStatus.Skipped, steps["after-bad"].Status);
        Assert.Contains("'bad'", steps["after-bad"].Error);
    }

    [Fact]
    public async Task Two_hundred_concurrent_runs_all_complete_and_the_statistics_add_up()
    {
        var before = await Engine.Client.GetStatisticsAsync();
        const string plan = """
            { "name": "many", "steps": [
                { "id": "a", "tool": "echo", "parameters": { "x": 1 } },
                { "id": "b", "tool": "probe", "dependsOn": ["a"], "parameters": { "ms": 20 } },
                { "id": "c", "tool": "echo", "dependsOn": ["b"], "parameters": { "y": "{{ steps.a.output.x }}" } } ] }
            """;

        var ids = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Engine.StartAsync(plan)));
        var statuses = await Task.WhenAll(ids.Select(id => Engine.WaitForEndAsync(id, TimeSpan.FromSeconds(120))));

        Assert.All(statuses, s => Assert.Equal(RuntimeStatus.Completed, s.RuntimeStatus));
        Assert.All(ids, id => Assert.Equal(1, ProbeTool.CallsOf(id, "b")));
        await Eventually.TrueAsync(
            async () => await Engine.Client.GetStatisticsAsync() is var now
                && now.CompletedPlans - before.CompletedPlans == 200
                && now.TotalPlans - before.TotalPlans >= 200
                && now.Tools["echo"].Steps - before.Tools.GetValueOrDefault("echo", new()).Steps >= 400,
            TimeSpan.FromSeconds(30),
            "the statistics did not count the 200 runs");
    }
}
