using System.Text;
using System.Text.Json;
using PlanFunctions.Client;
using PlanFunctions.Client.Entities;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Status;
using Xunit;

namespace PlanFunctions.TestSupport.Conformance;

/// <summary>
/// The conformance contract of an engine: scripted plans run through any engine behind <see cref="PlanFunctionsClient"/>,
/// each checked for what a user sees and for its status document, which must be the one Core builds from the events
/// the engine shows (times aside). An engine's test class derives from this with its <see cref="ConformanceEngine"/>:
/// <c>public sealed class MyEngineConformanceTests(MyEngine engine) : EngineConformanceTests&lt;MyEngine&gt;(engine);</c>
/// </summary>
/// <typeparam name="TEngine">The engine, started once for the class.</typeparam>
public abstract class EngineConformanceTests<TEngine>(TEngine engine) : IClassFixture<TEngine>
    where TEngine : ConformanceEngine
{
    /// <summary>How long a run of the contract may take to end: generous, as the machine may be busy.</summary>
    protected static readonly TimeSpan EndTimeout = TimeSpan.FromSeconds(45);

    /// <summary>The engine's client.</summary>
    protected PlanFunctionsClient Client => engine.Client;

    [Fact]
    public virtual async Task An_echo_chain_passes_each_output_to_the_next_step()
    {
        var id = await StartAsync("""
            { "name": "chain", "steps": [
              { "id": "a", "tool": "echo", "parameters": { "n": 1, "word": "one" } },
              { "id": "b", "tool": "echo", "dependsOn": ["a"], "parameters": { "n": "{{ steps.a.output.n }}", "text": "after {{ steps.a.output.word }}" } },
              { "id": "c", "tool": "echo", "dependsOn": ["b"], "parameters": { "last": "{{ steps.b.output.text }}" } } ] }
            """);

        var status = await EndAndConformAsync(id, RuntimeStatus.Completed);

        Assert.Equal(RunOutcome.Succeeded, status.Output!.Outcome);
        Assert.Equal(1, Output(status, "b").GetProperty("n").GetInt32());
        Assert.Equal("after one", Output(status, "c").GetProperty("last").GetString());
        Assert.All(status.Output.Steps.Values, step => Assert.Equal(1, step.Attempts));
    }

    [Fact]
    public virtual async Task A_fan_out_joins_every_branch()
    {
        var id = await StartAsync("""
            { "name": "fan", "steps": [
              { "id": "root", "tool": "echo", "parameters": { "x": 2 } },
              { "id": "b1", "tool": "echo", "dependsOn": ["root"], "parameters": { "v": "one {{ steps.root.output.x }}" } },
              { "id": "b2", "tool": "delay", "dependsOn": ["root"], "parameters": { "milliseconds": 50 } },
              { "id": "b3", "tool": "echo", "dependsOn": ["root"], "parameters": { "v": "three" } },
              { "id": "join", "tool": "echo", "dependsOn": ["b1", "b2", "b3"],
                "parameters": { "all": ["{{ steps.b1.output.v }}", "{{ steps.b2.output.waitedMs }}", "{{ steps.b3.output.v }}"] } } ] }
            """);

        var status = await EndAndConformAsync(id, RuntimeStatus.Completed);

        var all = Output(status, "join").GetProperty("all");
        Assert.Equal("one 2", all[0].GetString());
        Assert.Equal(JsonValueKind.Number, all[1].ValueKind);
        Assert.Equal("three", all[2].GetString());
        Assert.Equal(5, status.CustomStatus.CompletedSteps);
    }

    [Fact]
    public virtual async Task Templates_read_the_input_the_run_and_steps_keeping_json_types()
    {
        var id = await StartAsync("""
            { "name": "templates", "input": { "city": "Oslo", "days": [3, 4] }, "steps": [
              { "id": "a", "tool": "echo", "parameters": { "flag": true, "obj": { "k": "v" } } },
              { "id": "b", "tool": "echo", "dependsOn": ["a"], "parameters": {
                  "city": "{{ input.city }}", "day": "{{ input.days[1] }}", "flag": "{{ steps.a.output.flag }}",
                  "obj": "{{ steps.a.output.obj }}", "status": "{{ steps.a.status }}", "attempts": "{{ steps.a.attempts }}",
                  "who": "{{ run.name }}/{{ run.instanceId }}" } } ] }
            """);

        var status = await EndAndConformAsync(id, RuntimeStatus.Completed);

        var b = Output(status, "b");
        Assert.Equal("Oslo", b.GetProperty("city").GetString());
        Assert.Equal(4, b.GetProperty("day").GetInt32());
        Assert.True(b.GetProperty("flag").GetBoolean());
        Assert.Equal("v", b.GetProperty("obj").GetProperty("k").GetString());
        Assert.Equal("Succeeded", b.GetProperty("status").GetString());
        Assert.Equal(1, b.GetProperty("attempts").GetInt32());
        Assert.Equal($"templates/{id}", b.GetProperty("who").GetString());
    }

    [Fact]
    public virtual async Task A_retryable_failure_is_retried_until_it_succeeds()
    {
        var id = await StartAsync("""
            { "name": "retries", "steps": [
              { "id": "flaky", "tool": "fail", "parameters": { "message": "not yet", "failTimes": 2 },
                "retry": { "maxNumberOfAttempts": 3, "firstRetryIntervalSeconds": 0.1, "backoffCoefficient": 1 } } ] }
            """);

        var status = await EndAndConformAsync(id, RuntimeStatus.Completed);

        var step = status.Output!.Steps["flaky"];
        Assert.Equal(StepStatus.Succeeded, step.Status);
        Assert.Equal(3, step.Attempts);
        Assert.Equal(3, step.Output!.Value.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public virtual async Task A_non_retryable_failure_is_not_retried_and_the_rest_goes_on()
    {
        var id = await StartAsync("""
            { "name": "non-retryable", "steps": [
              { "id": "bad", "tool": "fail", "parameters": { "message": "broken for good", "retryable": false },
                "retry": { "maxNumberOfAttempts": 3, "firstRetryIntervalSeconds": 0.1 } },
              { "id": "good", "tool": "echo", "parameters": { "ok": true } } ] }
            """);

        var status = await EndAndConformAsync(id, RuntimeStatus.Failed);

        Assert.Equal(RunOutcome.PartiallySucceeded, status.Output!.Outcome);
        var bad = status.Output.Steps["bad"];
        Assert.Equal(StepStatus.Failed, bad.Status);
        Assert.Equal(1, bad.Attempts);
        Assert.Contains("broken for good", bad.Error, StringComparison.Ordinal);
        Assert.Equal(StepStatus.Succeeded, status.Output.Steps["good"].Status);
    }

    [Fact]
    public virtual async Task A_step_that_runs_past_its_timeout_fails()
    {
        var id = await StartAsync("""
            { "name": "step-timeout", "steps": [
              { "id": "slow", "tool": "delay", "parameters": { "milliseconds": 30000 }, "timeoutSeconds": 0.3,
                "retry": { "maxNumberOfAttempts": 1 } } ] }
            """);

        var status = await EndAndConformAsync(id, RuntimeStatus.Failed);

        var slow = status.Output!.Steps["slow"];
        Assert.Equal(StepStatus.Failed, slow.Status);
        Assert.Contains("timed out", slow.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public virtual async Task A_run_past_its_deadline_fails()
    {
        var id = await StartAsync("""
            { "name": "plan-timeout", "timeoutSeconds": 0.5, "steps": [
              { "id": "slow", "tool": "delay", "parameters": { "milliseconds": 30000 } } ] }
            """);

        var status = await EndAndConformAsync(id, RuntimeStatus.Failed);

        Assert.NotNull(status.Output!.Error);
        Assert.NotEqual(StepStatus.Succeeded, status.Output.Steps["slow"].Status);
        Assert.Contains(CoreStatusDocument.Events(status), e => e is RunTimedOut);
    }

    [Fact]
    public virtual async Task ExtendTimeout_moves_the_deadline()
    {
        var id = await StartAsync("""
            { "name": "extend", "timeoutSeconds": 3, "steps": [
              { "id": "slow", "tool": "delay", "parameters": { "milliseconds": 4000 } } ] }
            """);
        Assert.Equal(ControlResult.Accepted, await Client.RaiseEventAsync(id, "extendTimeout", Json("""{ "seconds": 30 }""")));

        var status = await EndAndConformAsync(id, RuntimeStatus.Completed);

        Assert.Contains(CoreStatusDocument.Events(status), e => e is TimeoutExtended { Seconds: 30 });
        Assert.Equal(ControlResult.AlreadyEnded, await Client.RaiseEventAsync(id, "extendTimeout", Json("""{ "seconds": 30 }""")));
    }

    [Fact]
    public virtual async Task ExtendTimeout_without_seconds_is_refused()
    {
        var id = await StartAsync("""{ "name": "extend-bad", "steps": [ { "id": "w", "tool": "waitForEvent", "parameters": { "eventName": "go", "timeoutSeconds": 30 } } ] }""");

        Assert.Equal(ControlResult.Invalid, await Client.RaiseEventAsync(id, "extendTimeout", Json("""{ "minutes": 3 }""")));

        Assert.Equal(ControlResult.Accepted, await Client.TerminateAsync(id, "done"));
        await EndAndConformAsync(id, RuntimeStatus.Terminated);
    }

    [Fact]
    public virtual async Task Conditions_run_or_skip_a_step()
    {
        var id = await StartAsync("""
            { "name": "conditions", "steps": [
              { "id": "a", "tool": "echo", "parameters": { "n": 2 } },
              { "id": "yes", "tool": "echo", "dependsOn": ["a"], "condition": "steps.a.output.n > 1", "parameters": { } },
              { "id": "no", "tool": "echo", "dependsOn": ["a"], "condition": "steps.a.output.n > 5 && exists(steps.a.output.n)", "parameters": { } } ] }
            """);

        var status = await EndAndConformAsync(id, RuntimeStatus.Completed);

        Assert.Equal(StepStatus.Succeeded, status.Output!.Steps["yes"].Status);
        Assert.Equal(StepStatus.Skipped, status.Output.Steps["no"].Status);
        Assert.Equal(1, status.CustomStatus.SkippedSteps);
    }

    [Fact]
    public virtual async Task A_step_whose_dependency_failed_is_skipped_naming_it()
    {
        var id = await StartAsync("""
            { "name": "skip", "steps": [
              { "id": "bad", "tool": "fail", "parameters": { "retryable": false } },
              { "id": "after", "tool": "echo", "dependsOn": ["bad"], "parameters": { } },
              { "id": "rescue", "tool": "echo", "dependsOn": ["bad"], "condition": "steps.bad.status == 'Failed'", "parameters": { } } ] }
            """);

        var status = await EndAndConformAsync(id, RuntimeStatus.Failed);

        Assert.Equal(StepStatus.Skipped, status.Output!.Steps["after"].Status);
        var skipped = Assert.Single(CoreStatusDocument.Events(status).OfType<StepSkipped>());
        Assert.Equal("after", skipped.StepId);
        Assert.Contains("bad", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(StepStatus.Succeeded, status.Output.Steps["rescue"].Status);
    }

    [Fact]
    public virtual async Task StopOnFailure_stops_the_run_and_cancels_the_rest()
    {
        var id = await StartAsync("""
            { "name": "stop", "steps": [
              { "id": "slow", "tool": "delay", "parameters": { "milliseconds": 30000 } },
              { "id": "bad", "tool": "fail", "parameters": { "retryable": false }, "stopOnFailure": true },
              { "id": "later", "tool": "echo", "dependsOn": ["slow"], "parameters": { } } ] }
            """);

        var status = await EndAndConformAsync(id, RuntimeStatus.Failed);

        Assert.Equal(StepStatus.Failed, status.Output!.Steps["bad"].Status);
        Assert.Equal(StepStatus.Cancelled, status.Output.Steps["slow"].Status);
        Assert.Equal(StepStatus.Cancelled, status.Output.Steps["later"].Status);
    }

    [Fact]
    public virtual async Task A_missing_template_path_fails_the_step_without_retry()
    {
        var id = await StartAsync("""
            { "name": "missing-path", "steps": [
              { "id": "a", "tool": "echo", "parameters": { "x": 1 } },
              { "id": "b", "tool": "echo", "dependsOn": ["a"], "parameters": { "y": "{{ steps.a.output.nothing }}" },
                "retry": { "maxNumberOfAttempts": 3, "firstRetryIntervalSeconds": 0.1 } } ] }
            """);

        var status = await EndAndConformAsync(id, RuntimeStatus.Failed);

        var b = status.Output!.Steps["b"];
        Assert.Equal(StepStatus.Failed, b.Status);
        Assert.Equal(1, b.Attempts);
        Assert.Contains("steps.a.output.nothing", b.Error, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task An_output_over_the_limit_fails_the_step_without_retry()
    {
        var big = new string('x', ConformanceEngine.Options.MaxStepOutputBytes + 100);
        var id = await StartAsync($$"""
            { "name": "too-large", "steps": [
              { "id": "big", "tool": "echo", "parameters": { "text": "{{big}}" },
                "retry": { "maxNumberOfAttempts": 3, "firstRetryIntervalSeconds": 0.1 } } ] }
            """);

        var status = await EndAndConformAsync(id, RuntimeStatus.Failed);

        var step = status.Output!.Steps["big"];
        Assert.Equal(StepStatus.Failed, step.Status);
        Assert.Equal(1, step.Attempts);
        Assert.Contains("bytes", step.Error, StringComparison.Ordinal);
    }

    [Fact]
    public virtual async Task Cancel_winds_the_run_down()
    {
        var id = await StartAsync("""
            { "name": "cancel", "steps": [
              { "id": "slow", "tool": "delay", "parameters": { "milliseconds": 30000 } },
              { "id": "after", "tool": "echo", "dependsOn": ["slow"], "parameters": { } } ] }
            """);
        await WaitForStepAsync(id, "slow", StepStatus.Running);

        Assert.Equal(ControlResult.Accepted, await Client.RaiseEventAsync(id, "cancel", null));

        var status = await EndAndConformAsync(id, RuntimeStatus.Canceled);
        Assert.Equal(StepStatus.Cancelled, status.Output!.Steps["slow"].Status);
        Assert.Equal(StepStatus.Cancelled, status.Output.Steps["after"].Status);
    }

    [Fact]
    public virtual async Task A_raised_event_reaches_its_waitForEvent_step()
    {
        var id = await StartAsync("""
            { "name": "approval", "steps": [
              { "id": "wait", "tool": "waitForEvent", "parameters": { "eventName": "approved", "timeoutSeconds": 30 } },
              { "id": "use", "tool": "echo", "dependsOn": ["wait"], "parameters": { "by": "{{ steps.wait.output.by }}" } } ] }
            """);
        await WaitForStepAsync(id, "wait", StepStatus.Running);

        Assert.Equal(ControlResult.Accepted, await Client.RaiseEventAsync(id, "approved", Json("""{ "by": "ada" }""")));

        var status = await EndAndConformAsync(id, RuntimeStatus.Completed);
        Assert.Equal("ada", Output(status, "use").GetProperty("by").GetString());
    }

    /// <summary>An event without a payload gives its step the output <c>null</c>, the same while the run is live and once replayed.</summary>
    [Fact]
    public virtual async Task An_event_without_a_payload_gives_its_step_a_null_output()
    {
        var id = await StartAsync("""
            { "name": "no-payload", "steps": [
              { "id": "wait", "tool": "waitForEvent", "parameters": { "eventName": "ping", "timeoutSeconds": 30 } },
              { "id": "use", "tool": "echo", "dependsOn": ["wait"], "parameters": { "got": "{{ steps.wait.output }}" } } ] }
            """);
        await WaitForStepAsync(id, "wait", StepStatus.Running);

        Assert.Equal(ControlResult.Accepted, await Client.RaiseEventAsync(id, "ping", null));

        var status = await EndAndConformAsync(id, RuntimeStatus.Completed);
        Assert.Equal(JsonValueKind.Null, Output(status, "use").GetProperty("got").ValueKind);
    }

    [Fact]
    public virtual async Task Terminate_stops_the_run_at_once()
    {
        var id = await StartAsync("""{ "name": "terminate", "steps": [ { "id": "slow", "tool": "delay", "parameters": { "milliseconds": 30000 } } ] }""");
        await WaitForStepAsync(id, "slow", StepStatus.Running);

        Assert.Equal(ControlResult.Accepted, await Client.TerminateAsync(id, "wrong plan"));

        await EndAndConformAsync(id, RuntimeStatus.Terminated);
        Assert.Equal(ControlResult.AlreadyEnded, await Client.TerminateAsync(id, "again"));
        Assert.Equal(ControlResult.AlreadyEnded, await Client.RaiseEventAsync(id, "cancel", null));
    }

    [Fact]
    public virtual async Task Suspend_holds_new_steps_back_until_resume()
    {
        var id = await StartAsync("""
            { "name": "suspend", "steps": [
              { "id": "first", "tool": "waitForEvent", "parameters": { "eventName": "go", "timeoutSeconds": 30 } },
              { "id": "second", "tool": "echo", "dependsOn": ["first"], "parameters": { } } ] }
            """);
        await WaitForStepAsync(id, "first", StepStatus.Running);

        Assert.Equal(ControlResult.Accepted, await Client.SuspendAsync(id, "hold on"));
        await WaitForStatusAsync(id, RuntimeStatus.Suspended);
        Assert.Equal(ControlResult.Accepted, await Client.RaiseEventAsync(id, "go", Json("""{ "ok": true }""")));
        await WaitForStepAsync(id, "first", StepStatus.Succeeded);

        var held = await ConformAsync(id);
        Assert.Equal(RuntimeStatus.Suspended, held.RuntimeStatus);
        Assert.Equal(StepStatus.Pending, CoreStatusDocument.Fold(held, Client.ValidationOptions.Limits).GetStep("second").Status);

        Assert.Equal(ControlResult.Accepted, await Client.ResumeAsync(id, "go on"));
        await EndAndConformAsync(id, RuntimeStatus.Completed);
    }

    [Fact]
    public virtual async Task Purge_is_refused_while_the_run_goes_on_then_forgets_it()
    {
        var id = await StartAsync("""{ "name": "purge", "steps": [ { "id": "w", "tool": "waitForEvent", "parameters": { "eventName": "go", "timeoutSeconds": 30 } } ] }""");

        Assert.Equal(ControlResult.Conflict, await Client.PurgeAsync(id));
        Assert.NotNull(await Client.GetStatusAsync(id));

        Assert.Equal(ControlResult.Accepted, await Client.TerminateAsync(id, null));
        await EndAndConformAsync(id, RuntimeStatus.Terminated);
        Assert.Equal(ControlResult.Accepted, await Client.PurgeAsync(id));

        Assert.Null(await Client.GetStatusAsync(id));
        Assert.Equal(ControlResult.NotFound, await Client.PurgeAsync(id));
        Assert.Null(await Client.GetEntityAsync(new EntityInstanceId(PlanEntities.PlanMonitor, id)));
    }

    [Fact]
    public virtual async Task A_start_under_the_id_of_a_run_that_goes_on_is_a_conflict()
    {
        var id = await StartAsync("""{ "name": "first", "steps": [ { "id": "w", "tool": "waitForEvent", "parameters": { "eventName": "go", "timeoutSeconds": 30 } } ] }""");

        Assert.Equal(StartRunResult.Conflict, await Client.StartAsync(id, Read("""{ "name": "second", "steps": [ { "id": "e", "tool": "echo" } ] }""")));
        Assert.Equal("first", (await Client.GetStatusAsync(id))!.Name);

        Assert.Equal(ControlResult.Accepted, await Client.RaiseEventAsync(id, "go", Json("1")));
        await EndAndConformAsync(id, RuntimeStatus.Completed);
    }

    [Fact]
    public virtual async Task Unknown_ids_are_not_found()
    {
        var id = "never-" + PlanFunctionsClient.NewInstanceId();

        Assert.Null(await Client.GetStatusAsync(id));
        Assert.Equal(ControlResult.NotFound, await Client.RaiseEventAsync(id, "cancel", null));
        Assert.Equal(ControlResult.NotFound, await Client.RaiseEventAsync(id, "anything", Json("{}")));
        Assert.Equal(ControlResult.NotFound, await Client.TerminateAsync(id, null));
        Assert.Equal(ControlResult.NotFound, await Client.SuspendAsync(id, null));
        Assert.Equal(ControlResult.NotFound, await Client.ResumeAsync(id, null));
        Assert.Equal(ControlResult.NotFound, await Client.PurgeAsync(id));
        Assert.Null(await Client.GetEntityAsync(new EntityInstanceId(PlanEntities.PlanMonitor, id)));
        Assert.Null(await Client.GetEntityAsync(new EntityInstanceId(PlanEntities.ExecutionStatistics, "not-the-key")));
    }

    [Fact]
    public virtual async Task Listing_finds_runs_by_prefix_and_status()
    {
        var prefix = "list-" + PlanFunctionsClient.NewInstanceId()[..8] + "-";
        var done = await StartAsync("""{ "name": "listed", "steps": [ { "id": "e", "tool": "echo" } ] }""", prefix + "done");
        var waiting = await StartAsync("""{ "name": "listed", "steps": [ { "id": "w", "tool": "waitForEvent", "parameters": { "eventName": "go", "timeoutSeconds": 30 } } ] }""", prefix + "waiting");
        await EndAndConformAsync(done, RuntimeStatus.Completed);

        var all = await Client.ListAsync(new InstanceQuery { InstanceIdPrefix = prefix });
        Assert.Equal([done, waiting], all.Instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        var completed = await Client.ListAsync(new InstanceQuery { InstanceIdPrefix = prefix, RuntimeStatuses = [RuntimeStatus.Completed] });
        Assert.Equal(done, Assert.Single(completed.Instances).InstanceId);

        Assert.Equal(ControlResult.Accepted, await Client.TerminateAsync(waiting, null));
        await EndAndConformAsync(waiting, RuntimeStatus.Terminated);
    }

    [Fact]
    public virtual async Task The_monitor_entity_holds_the_run_progress()
    {
        var id = await StartAsync("""{ "name": "monitored", "steps": [ { "id": "a", "tool": "echo" }, { "id": "b", "tool": "echo", "dependsOn": ["a"] } ] }""");
        var status = await EndAndConformAsync(id, RuntimeStatus.Completed);

        var entity = await Client.GetEntityAsync(new EntityInstanceId("planmonitor", id));

        Assert.NotNull(entity);
        Assert.Equal("planmonitor", entity.Id.Name);
        var progress = entity.State!.Value.Deserialize<ExecutionProgress>(Core.Serialization.PlanJson.Options)!;
        Assert.Equal(status.CustomStatus with { ElapsedSeconds = 0, RemainingSeconds = 0 }, progress with { ElapsedSeconds = 0, RemainingSeconds = 0 });
        var listed = await Client.ListEntitiesAsync(new EntityQuery { Name = PlanEntities.PlanMonitor, PageSize = 1000 });
        Assert.Contains(listed.Entities, e => e.Id.Key == id);
    }

    [Fact]
    public virtual async Task Statistics_count_runs_by_how_they_ended()
    {
        await Eventually.TrueAsync(async () => (await Client.GetStatisticsAsync()).ActiveExecutions == 0, EndTimeout, "runs of earlier tests were still counted as active");
        var before = await Client.GetStatisticsAsync();

        var completed = await StartAsync("""{ "name": "count-ok", "steps": [ { "id": "e", "tool": "echo" } ] }""");
        var failed = await StartAsync("""{ "name": "count-bad", "steps": [ { "id": "f", "tool": "fail", "parameters": { "retryable": false } } ] }""");
        var cancelled = await StartAsync("""{ "name": "count-cancel", "steps": [ { "id": "w", "tool": "waitForEvent", "parameters": { "eventName": "go", "timeoutSeconds": 30 } } ] }""");
        await WaitForStepAsync(cancelled, "w", StepStatus.Running);
        Assert.Equal(ControlResult.Accepted, await Client.RaiseEventAsync(cancelled, "cancel", null));
        await EndAndConformAsync(completed, RuntimeStatus.Completed);
        await EndAndConformAsync(failed, RuntimeStatus.Failed);
        await EndAndConformAsync(cancelled, RuntimeStatus.Canceled);

        Core.Statistics.ExecutionStatistics after = before;
        await Eventually.TrueAsync(
            async () =>
            {
                after = await Client.GetStatisticsAsync();
                return after.EndedPlans - before.EndedPlans == 3 && after.ActiveExecutions == 0;
            },
            EndTimeout,
            "the statistics did not count the three runs");
        Assert.Equal(3, after.TotalPlans - before.TotalPlans);
        Assert.Equal(1, after.CompletedPlans - before.CompletedPlans);
        Assert.Equal(1, after.FailedPlans - before.FailedPlans);
        Assert.Equal(1, after.CancelledPlans - before.CancelledPlans);
        var statistics = await Client.GetEntityAsync(new EntityInstanceId(PlanEntities.ExecutionStatistics, PlanEntities.StatisticsKey));
        Assert.Equal(after.TotalPlans, statistics!.State!.Value.GetProperty("totalPlans").GetInt64());
    }

    [Fact]
    public virtual async Task The_engine_is_healthy()
    {
        var health = await Client.CheckHealthAsync();

        Assert.True(health.IsHealthy, health.Problem);
    }

    [Fact]
    public virtual async Task A_rewound_run_runs_its_failed_and_skipped_steps_again_and_keeps_what_succeeded()
    {
        var id = await StartAsync("""
            { "name": "rewind", "steps": [
              { "id": "kept", "tool": "echo", "parameters": { "v": 1 } },
              { "id": "flaky", "tool": "fail", "dependsOn": ["kept"], "parameters": { "message": "not yet", "failTimes": 1 },
                "retry": { "maxNumberOfAttempts": 1 } },
              { "id": "after", "tool": "echo", "dependsOn": ["flaky"], "parameters": { "from": "{{ steps.kept.output.v }}" } } ] }
            """);
        var failed = await EndAndConformAsync(id, RuntimeStatus.Failed);
        Assert.Equal(StepStatus.Skipped, failed.Output!.Steps["after"].Status);

        Assert.Equal(ControlResult.Accepted, await Client.RewindAsync(id, "fixed"));
        var status = await EndAndConformAsync(id, RuntimeStatus.Completed);

        Assert.Equal(1, status.Output!.Steps["kept"].Attempts);
        Assert.Equal(2, status.Output.Steps["flaky"].Attempts);
        Assert.Equal(1, Output(status, "after").GetProperty("from").GetInt32());
        Assert.Single(CoreStatusDocument.Events(await Client.GetStatusAsync(id, CoreStatusDocument.Full) ?? throw new InvalidOperationException("gone")).OfType<RunRewound>());
        Assert.Equal(ControlResult.Conflict, await Client.RewindAsync(id, null));
    }

    /// <summary>Reads, validates and starts a plan, failing the test on any problem; returns the instance id.</summary>
    protected async Task<string> StartAsync(string planJson, string? instanceId = null)
    {
        instanceId ??= PlanFunctionsClient.NewInstanceId();
        Assert.Equal(StartRunResult.Started, await Client.StartAsync(instanceId, Read(planJson)));
        return instanceId;
    }

    /// <summary>A plan read and validated by the engine's client, failing the test on any problem.</summary>
    protected Core.Plans.Plan Read(string planJson)
    {
        var read = Client.Validate(Encoding.UTF8.GetBytes(planJson));
        Assert.True(read.Succeeded, string.Join(Environment.NewLine, read.Problems));
        return read.Plan!;
    }

    /// <summary>Waits for the run to end with <paramref name="expected"/>, checks its document against Core's, and returns it.</summary>
    protected async Task<OrchestrationStatus> EndAndConformAsync(string instanceId, RuntimeStatus expected)
    {
        await WaitForStatusAsync(instanceId, expected);
        var status = await ConformAsync(instanceId);
        Assert.Equal(expected, status.RuntimeStatus);
        Assert.NotNull(status.Output);
        return status;
    }

    /// <summary>Reads the run's full status and asserts it is the document Core builds from the events it shows.</summary>
    protected async Task<OrchestrationStatus> ConformAsync(string instanceId)
    {
        var status = await Client.GetStatusAsync(instanceId, CoreStatusDocument.Full);
        Assert.NotNull(status);
        CoreStatusDocument.AssertSame(CoreStatusDocument.Build(status, Client.ValidationOptions.Limits, DateTimeOffset.UtcNow), status);
        return status;
    }

    /// <summary>Waits until the run shows <paramref name="expected"/>.</summary>
    protected async Task WaitForStatusAsync(string instanceId, RuntimeStatus expected)
    {
        RuntimeStatus? last = null;
        await Eventually.TrueAsync(
            async () => (last = (await Client.GetStatusAsync(instanceId, new StatusQuery(ShowInput: false)))?.RuntimeStatus) == expected,
            EndTimeout,
            $"run {instanceId} did not become {expected} (last seen: {last?.ToString() ?? "not found"})");
    }

    /// <summary>Waits until a step of the run, as Core folds the run's events, has <paramref name="expected"/>.</summary>
    protected async Task WaitForStepAsync(string instanceId, string stepId, StepStatus expected) =>
        await Eventually.TrueAsync(
            async () => await Client.GetStatusAsync(instanceId, CoreStatusDocument.Full) is { } status
                && CoreStatusDocument.Fold(status, Client.ValidationOptions.Limits).GetStep(stepId).Status == expected,
            EndTimeout,
            $"step {stepId} of run {instanceId} did not become {expected}");

    private static JsonElement Output(OrchestrationStatus status, string stepId) =>
        status.Output!.Steps[stepId].Output ?? throw new InvalidOperationException($"step {stepId} has no output");

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
