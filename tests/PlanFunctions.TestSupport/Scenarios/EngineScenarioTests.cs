using System.Text;
using System.Text.Json;
using PlanFunctions.Client;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Status;
using Xunit;

namespace PlanFunctions.TestSupport.Scenarios;

/// <summary>
/// The scenario suite: every example of <c>examples/</c> and every rule of the plan format, run on an engine behind
/// <see cref="PlanFunctionsClient"/> with the same assertions on every engine, and each run's status document,
/// normalised by <see cref="ScenarioDocument"/>, compared with one golden file that every engine must match, so that a
/// difference between the engines fails the scenario. An engine's test class derives from this with its
/// <see cref="ScenarioEngine"/>: <c>public sealed class MyEngineScenarioTests(MyEngine engine) : EngineScenarioTests&lt;MyEngine&gt;(engine);</c>
/// </summary>
/// <remarks>
/// It adds to the conformance contract (<c>EngineConformanceTests</c>, which compares an engine with Core's fold of
/// the engine's own history) what that contract lacks: the examples, the <c>http</c> tool and AI conditions against
/// local stand-ins, back-off, retry timeouts, plan defaults, every condition operator, transitive skips, cancel and
/// stop while steps run and wait to retry, a plan deadline with pending steps, a wide fan-out, a 1,000-step plan, and
/// one expected document for both engines. Golden files: see <see cref="ScenarioDocument"/> and Scenarios/README.md.
/// </remarks>
/// <typeparam name="TEngine">The engine, started once for the class.</typeparam>
public abstract class EngineScenarioTests<TEngine>(TEngine engine) : IClassFixture<TEngine>
    where TEngine : ScenarioEngine
{
    /// <summary>How long a run of the suite may take to end: generous, as the machine may be busy.</summary>
    protected static readonly TimeSpan EndTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The engine's client.</summary>
    protected PlanFunctionsClient Client => engine.Client;

    /// <summary>The services the plans call.</summary>
    protected ScenarioWorld World => engine.World;

    /// <summary>The file names of every example in the repository's <c>examples/</c> folder.</summary>
    public static TheoryData<string> Examples => [.. Directory.GetFiles(Path.Combine(ScenarioDocument.RepositoryRoot, "examples"), "*.json")
        .Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public virtual async Task Every_example_ends_as_its_expected_document(string example)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(ScenarioDocument.RepositoryRoot, "examples", example));
        var id = await StartAsync(json);

        var status = await EndAsync(id);

        var steps = status.Output!.Steps;
        switch (example)
        {
            case "condition.json":
                Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
                Assert.Equal(StepStatus.Skipped, steps["coat"].Status);
                Assert.Equal(StepStatus.Skipped, steps["sunscreen"].Status);
                Assert.Equal("A jacket will do at 18 degrees", Output(status, "neither").GetProperty("advice").GetString());
                break;
            case "fan-out-and-join.json":
                Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
                Assert.Equal("north, south and west checked", Output(status, "join").GetProperty("summary").GetString());
                Assert.Equal(300, Output(status, "join").GetProperty("northWaitedMs").GetInt32());
                Assert.True(Output(status, "join").GetProperty("westHealthy").GetBoolean());
                break;
            case "morning-report.json":
                Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
                Assert.Equal("Good morning Sales: 2 new orders, the first from Contoso.", Output(status, "report").GetProperty("text").GetString());
                break;
            case "retries.json":
                Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
                Assert.Equal(3, steps["flaky"].Attempts);
                Assert.Equal("succeeded after 3 attempts", Output(status, "report").GetProperty("text").GetString());
                Assert.Equal(3, Output(status, "report").GetProperty("toolSaw").GetInt32());
                break;
            case "stop-on-failure.json":
                Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
                Assert.Equal(StepStatus.Succeeded, steps["prepare"].Status);
                Assert.Equal(StepStatus.Failed, steps["critical"].Status);
                Assert.Equal(StepStatus.Cancelled, steps["slowSideJob"].Status);
                Assert.Equal(StepStatus.Cancelled, steps["publish"].Status);
                break;
            default:
                // A new example is held to its golden document alone until it gets assertions of its own here.
                break;
        }

        Golden("example-" + Path.GetFileNameWithoutExtension(example), status);
    }

    [Fact]
    public virtual async Task An_http_call_and_AI_conditions_decide_what_runs_and_each_condition_is_asked_once()
    {
        var id = await StartAsync("""
            { "name": "orders", "goal": "Summarise new orders for run %ID%",
              "defaults": { "retry": { "maxNumberOfAttempts": 3, "firstRetryIntervalSeconds": 0.2 } },
              "steps": [
                { "id": "fetch", "tool": "http", "parameters": { "method": "GET", "url": "http://world/orders" }, "stopOnFailure": true },
                { "id": "count", "tool": "echo", "dependsOn": ["fetch"], "parameters": { "n": "{{ steps.fetch.output.body.total }}" } },
                { "id": "summarise", "tool": "ai.chat", "dependsOn": ["count"], "condition": "steps.count.output.n > 0",
                  "parameters": { "prompt": "Summarise these orders: {{ steps.fetch.output.body.items }}" } },
                { "id": "publish", "tool": "echo", "dependsOn": ["summarise"], "condition": { "ai": "yes: is the summary worth publishing?" },
                  "parameters": { "text": "{{ steps.summarise.output.text }}" } },
                { "id": "archive", "tool": "echo", "dependsOn": ["count"], "condition": { "ai": "no: should the orders be archived?" } } ] }
            """);

        var status = await EndAsync(id);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(200, Output(status, "fetch").GetProperty("status").GetInt32());
        Assert.Equal(2, Output(status, "count").GetProperty("n").GetInt32());
        Assert.Equal(ScenarioWorld.ChatReply, Output(status, "summarise").GetProperty("text").GetString());
        Assert.Equal(ScenarioWorld.ChatReply, Output(status, "publish").GetProperty("text").GetString());
        Assert.Equal(StepStatus.Skipped, status.Output!.Steps["archive"].Status);
        var asked = World.Requests.Where(r => r.ConditionGoal?.Contains(id, StringComparison.Ordinal) == true).Select(r => r.ConditionStep).Order(StringComparer.Ordinal);
        Assert.Equal(["archive", "publish"], asked);
        Golden("http-and-ai-conditions", status);
    }

    [Fact]
    public virtual async Task A_retryable_http_failure_is_retried_after_growing_waits()
    {
        var id = await StartAsync("""
            { "name": "back-off", "steps": [
              { "id": "call", "tool": "http", "parameters": { "url": "http://world/flaky?key={{ run.instanceId }}&failures=2" },
                "retry": { "maxNumberOfAttempts": 4, "firstRetryIntervalSeconds": 0.3, "backoffCoefficient": 2 } } ] }
            """);

        var status = await EndAsync(id);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(3, status.Output!.Steps["call"].Attempts);
        Assert.Equal(3, Output(status, "call").GetProperty("body").GetProperty("served").GetInt32());
        var times = World.Requests.Where(r => r.Path == "/flaky" && r.Query.GetValueOrDefault("key") == id).Select(r => r.Received).Order().ToList();
        Assert.Equal(3, times.Count);
        // Lower bounds only: a busy machine makes waits longer, never shorter (a little slack for the two clocks).
        Assert.True(times[1] - times[0] >= TimeSpan.FromSeconds(0.25), $"the first retry came {(times[1] - times[0]).TotalSeconds:0.###} s after the first attempt, not after 0.3 s");
        Assert.True(times[2] - times[1] >= TimeSpan.FromSeconds(0.55), $"the second retry came {(times[2] - times[1]).TotalSeconds:0.###} s after the first retry, not after 0.6 s");
        Golden("http-retry-back-off", status);
    }

    [Fact]
    public virtual async Task Retries_stop_at_the_attempt_limit_and_a_rescue_step_reads_the_error()
    {
        var id = await StartAsync("""
            { "name": "attempt-limit", "steps": [
              { "id": "flaky", "tool": "fail", "parameters": { "message": "still down" },
                "retry": { "maxNumberOfAttempts": 3, "firstRetryIntervalSeconds": 0.1, "backoffCoefficient": 1 } },
              { "id": "rescue", "tool": "echo", "dependsOn": ["flaky"], "condition": "steps.flaky.status == 'Failed'",
                "parameters": { "attempts": "{{ steps.flaky.attempts }}", "error": "{{ steps.flaky.error }}" } } ] }
            """);

        var status = await EndAsync(id);

        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(RunOutcome.PartiallySucceeded, status.Output!.Outcome);
        Assert.Equal(3, status.Output.Steps["flaky"].Attempts);
        Assert.Equal(3, Output(status, "rescue").GetProperty("attempts").GetInt32());
        Assert.Contains("still down", Output(status, "rescue").GetProperty("error").GetString(), StringComparison.Ordinal);
        Golden("retry-attempt-limit", status);
    }

    [Fact]
    public virtual async Task No_retry_starts_after_the_retry_timeout()
    {
        var id = await StartAsync("""
            { "name": "retry-timeout", "steps": [
              { "id": "flaky", "tool": "fail", "parameters": { "message": "down" },
                "retry": { "maxNumberOfAttempts": 10, "firstRetryIntervalSeconds": 0.2, "backoffCoefficient": 10, "retryTimeoutSeconds": 1.5 } } ] }
            """);

        var status = await EndAsync(id);

        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(2, status.Output!.Steps["flaky"].Attempts);
        Golden("retry-timeout", status);
    }

    [Fact]
    public virtual async Task Http_client_errors_are_not_retried_and_server_errors_are()
    {
        var id = await StartAsync("""
            { "name": "http-errors", "defaults": { "retry": { "maxNumberOfAttempts": 2, "firstRetryIntervalSeconds": 0.1 } }, "steps": [
              { "id": "missing", "tool": "http", "parameters": { "url": "http://world/status/404" } },
              { "id": "busy", "tool": "http", "parameters": { "url": "http://world/status/503" } },
              { "id": "after", "tool": "echo", "dependsOn": ["missing"], "parameters": { } } ] }
            """);

        var status = await EndAsync(id);

        var steps = status.Output!.Steps;
        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(RunOutcome.Failed, status.Output.Outcome);
        Assert.Equal((StepStatus.Failed, 1), (steps["missing"].Status, steps["missing"].Attempts));
        Assert.Contains("404", steps["missing"].Error, StringComparison.Ordinal);
        Assert.Equal((StepStatus.Failed, 2), (steps["busy"].Status, steps["busy"].Attempts));
        Assert.Contains("503", steps["busy"].Error, StringComparison.Ordinal);
        Assert.Equal(StepStatus.Skipped, steps["after"].Status);
        Golden("http-errors", status);
    }

    [Fact]
    public virtual async Task Plan_defaults_apply_to_steps_that_set_nothing_of_their_own()
    {
        var id = await StartAsync("""
            { "name": "defaults", "defaults": { "retry": { "maxNumberOfAttempts": 2, "firstRetryIntervalSeconds": 0.1 }, "timeoutSeconds": 0.5 }, "steps": [
              { "id": "inherits", "tool": "fail", "parameters": { "failTimes": 1 } },
              { "id": "ownRetry", "tool": "fail", "parameters": { "failTimes": 1 }, "retry": { "maxNumberOfAttempts": 1 } },
              { "id": "slow", "tool": "delay", "parameters": { "milliseconds": 3000 } },
              { "id": "ownTimeout", "tool": "delay", "parameters": { "milliseconds": 50 }, "timeoutSeconds": 30 } ] }
            """);

        var status = await EndAsync(id);

        var steps = status.Output!.Steps;
        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal((StepStatus.Succeeded, 2), (steps["inherits"].Status, steps["inherits"].Attempts));
        Assert.Equal((StepStatus.Failed, 1), (steps["ownRetry"].Status, steps["ownRetry"].Attempts));
        Assert.Equal((StepStatus.Failed, 2), (steps["slow"].Status, steps["slow"].Attempts));
        Assert.Contains("timed out", steps["slow"].Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(StepStatus.Succeeded, steps["ownTimeout"].Status);
        Golden("plan-defaults", status);
    }

    [Fact]
    public virtual async Task A_timed_out_attempt_is_cancelled_and_retried()
    {
        var id = await StartAsync("""
            { "name": "step-timeout-retried", "steps": [
              { "id": "hang", "tool": "http", "parameters": { "url": "http://world/hold?key={{ run.instanceId }}" }, "timeoutSeconds": 0.4,
                "retry": { "maxNumberOfAttempts": 2, "firstRetryIntervalSeconds": 0.1 } } ] }
            """);

        var status = await EndAsync(id);

        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal((StepStatus.Failed, 2), (status.Output!.Steps["hang"].Status, status.Output.Steps["hang"].Attempts));
        Assert.Contains("timed out", status.Output.Steps["hang"].Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, World.Requests.Count(r => r.Path == "/hold" && r.Query.GetValueOrDefault("key") == id));
        Golden("step-timeout-retried", status);
    }

    [Fact]
    public virtual async Task The_plan_deadline_ends_running_waiting_and_pending_steps()
    {
        var id = await StartAsync("""
            { "name": "deadline", "timeoutSeconds": 2, "steps": [
              { "id": "slow", "tool": "delay", "parameters": { "milliseconds": 5000 } },
              { "id": "after", "tool": "echo", "dependsOn": ["slow"], "parameters": { } },
              { "id": "wait", "tool": "waitForEvent", "parameters": { "eventName": "never", "timeoutSeconds": 60 } } ] }
            """);

        var status = await EndAsync(id);

        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.NotNull(status.Output!.Error);
        Assert.Contains("deadline", status.Output.Error, StringComparison.Ordinal);
        Assert.All(new[] { "slow", "after", "wait" }, s => Assert.Equal(StepStatus.Cancelled, status.Output.Steps[s].Status));
        Golden("plan-timeout", status);
    }

    [Fact]
    public virtual async Task ExtendTimeout_lets_a_run_finish_past_its_first_deadline()
    {
        var id = await StartAsync("""
            { "name": "extended", "timeoutSeconds": 3, "steps": [
              { "id": "slow", "tool": "delay", "parameters": { "milliseconds": 4000 } },
              { "id": "after", "tool": "echo", "dependsOn": ["slow"], "parameters": { "done": true } } ] }
            """);
        Assert.Equal(ControlResult.Accepted, await Client.RaiseEventAsync(id, "extendTimeout", Json("""{ "seconds": 60 }""")));

        var status = await EndAsync(id);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.True(Output(status, "after").GetProperty("done").GetBoolean());
        Golden("extend-timeout", status);
    }

    [Fact]
    public virtual async Task Conditions_use_every_operator_and_function_and_compare_across_types_as_false()
    {
        var id = await StartAsync("""
            { "name": "expressions", "input": { "mode": "fast" }, "steps": [
              { "id": "a", "tool": "echo", "parameters": { "n": 2, "tags": ["x", "y"], "word": "two", "none": null } },
              { "id": "containsAndLength", "tool": "echo", "dependsOn": ["a"], "condition": "contains(steps.a.output.tags, 'x') && length(steps.a.output.tags) == 2" },
              { "id": "acrossTypes", "tool": "echo", "dependsOn": ["a"], "condition": "steps.a.output.n == '2'" },
              { "id": "notOr", "tool": "echo", "dependsOn": ["a"], "condition": "!(steps.a.output.n >= 3) || false" },
              { "id": "nullAndText", "tool": "echo", "dependsOn": ["a"], "condition": "steps.a.output.none == null && length(steps.a.output.word) == 3 && contains(steps.a.output.word, \"w\")" },
              { "id": "missing", "tool": "echo", "dependsOn": ["a"], "condition": "exists(steps.a.output.missing)" },
              { "id": "fromInput", "tool": "echo", "condition": "input.mode == 'fast' && (1 < 2) && 2.5 <= 2.5 && true != false" } ] }
            """);

        var status = await EndAsync(id);

        var steps = status.Output!.Steps;
        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.All(new[] { "containsAndLength", "notOr", "nullAndText", "fromInput" }, s => Assert.Equal(StepStatus.Succeeded, steps[s].Status));
        Assert.All(new[] { "acrossTypes", "missing" }, s => Assert.Equal(StepStatus.Skipped, steps[s].Status));
        Assert.Equal(2, status.CustomStatus.SkippedSteps);
        Golden("condition-expressions", status);
    }

    [Fact]
    public virtual async Task A_failure_skips_its_dependants_transitively_unless_a_condition_reads_the_status()
    {
        var id = await StartAsync("""
            { "name": "skips", "steps": [
              { "id": "bad", "tool": "fail", "parameters": { "message": "no", "retryable": false } },
              { "id": "mid", "tool": "echo", "dependsOn": ["bad"] },
              { "id": "leaf", "tool": "echo", "dependsOn": ["mid"] },
              { "id": "notice", "tool": "echo", "dependsOn": ["mid"], "condition": "steps.mid.status == 'Skipped'", "parameters": { "saw": "{{ steps.mid.status }}" } },
              { "id": "unrelated", "tool": "echo", "parameters": { } } ] }
            """);

        var status = await EndAsync(id);

        var steps = status.Output!.Steps;
        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(StepStatus.Skipped, steps["mid"].Status);
        Assert.Equal(StepStatus.Skipped, steps["leaf"].Status);
        Assert.Equal("Skipped", Output(status, "notice").GetProperty("saw").GetString());
        Assert.Equal(StepStatus.Succeeded, steps["unrelated"].Status);
        Assert.Equal(2, status.CustomStatus.SkippedSteps);
        Golden("transitive-skip", status);
    }

    [Fact]
    public virtual async Task StopOnFailure_from_the_defaults_cancels_running_and_pending_steps()
    {
        var id = await StartAsync("""
            { "name": "stop-from-defaults", "defaults": { "stopOnFailure": true, "retry": { "maxNumberOfAttempts": 1 } }, "steps": [
              { "id": "hang", "tool": "http", "parameters": { "url": "http://world/hold?key={{ run.instanceId }}" }, "stopOnFailure": false, "timeoutSeconds": 5 },
              { "id": "gate", "tool": "delay", "parameters": { "milliseconds": 200 } },
              { "id": "critical", "tool": "fail", "dependsOn": ["gate"], "parameters": { "message": "ledger locked", "retryable": false } },
              { "id": "after", "tool": "echo", "dependsOn": ["critical"] },
              { "id": "later", "tool": "echo", "dependsOn": ["hang"] } ] }
            """);

        var status = await EndAsync(id);

        var steps = status.Output!.Steps;
        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(StepStatus.Failed, steps["critical"].Status);
        Assert.Equal(StepStatus.Cancelled, steps["hang"].Status);
        Assert.Equal(StepStatus.Cancelled, steps["after"].Status);
        Assert.Equal(StepStatus.Cancelled, steps["later"].Status);
        Golden("stop-on-failure-defaults", status);
    }

    [Fact]
    public virtual async Task A_wide_fan_out_joins_fifty_branches_in_order()
    {
        var steps = new List<object> { new { id = "root", tool = "echo", parameters = new { from = "root" } } };
        steps.AddRange(Enumerable.Range(0, 50).Select(i => new { id = $"b{i}", tool = "echo", dependsOn = new[] { "root" }, parameters = (object)new { i, from = "{{ steps.root.output.from }}" } }));
        steps.Add(new { id = "join", tool = "echo", dependsOn = Enumerable.Range(0, 50).Select(i => $"b{i}").ToArray(), parameters = (object)new { all = Enumerable.Range(0, 50).Select(i => $"{{{{ steps.b{i}.output.i }}}}").ToArray() } });
        var id = await StartAsync(JsonSerializer.Serialize(new { name = "wide", steps }));

        var status = await EndAsync(id);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(Enumerable.Range(0, 50), Output(status, "join").GetProperty("all").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(52, status.CustomStatus.CompletedSteps);
        Golden("wide-fan-out", status);
    }

    [Fact]
    public virtual async Task Templates_write_values_into_text_and_keep_types_of_whole_templates()
    {
        var id = await StartAsync("""
            { "name": "templates", "input": { "list": [10, 20] }, "steps": [
              { "id": "a", "tool": "echo", "parameters": { "n": 1.5, "ok": false, "obj": { "k": [1, 2] }, "nothing": null } },
              { "id": "bad", "tool": "fail", "parameters": { "message": "broken", "retryable": false } },
              { "id": "t", "tool": "echo", "dependsOn": ["a", "bad"], "condition": "steps.bad.status == 'Failed'", "parameters": {
                  "text": "n={{ steps.a.output.n }} ok={{ steps.a.output.ok }} obj={{ steps.a.output.obj }} nothing={{ steps.a.output.nothing }} second={{ input.list[1] }}",
                  "k1": "{{ steps.a.output.obj.k[1] }}", "error": "{{ steps.bad.error }}", "attempts": "{{ steps.bad.attempts }}",
                  "nothing": "{{ steps.a.output.nothing }}", "nested": { "deep": ["{{ steps.a.output.ok }}", "{{ input.list }}"] } } } ] }
            """);

        var status = await EndAsync(id);

        var t = Output(status, "t");
        Assert.Equal(2, t.GetProperty("k1").GetInt32());
        Assert.Contains("broken", t.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, t.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, t.GetProperty("nothing").ValueKind);
        Assert.Equal(JsonValueKind.False, t.GetProperty("nested").GetProperty("deep")[0].ValueKind);
        Assert.Equal(20, t.GetProperty("nested").GetProperty("deep")[1][1].GetInt32());
        Assert.StartsWith("n=1.5 ok=false obj=", t.GetProperty("text").GetString(), StringComparison.Ordinal);
        Golden("templates", status);
    }

    [Fact]
    public virtual async Task A_missing_input_path_or_index_fails_the_step_naming_it_without_retry()
    {
        var id = await StartAsync("""
            { "name": "missing-paths", "input": { "list": [1] },
              "defaults": { "retry": { "maxNumberOfAttempts": 3, "firstRetryIntervalSeconds": 0.1 } }, "steps": [
              { "id": "index", "tool": "echo", "parameters": { "x": "{{ input.list[3] }}" } },
              { "id": "deep", "tool": "echo", "parameters": { "x": "value: {{ input.nope.deeper }}" } },
              { "id": "fine", "tool": "echo", "parameters": { "x": "{{ input.list[0] }}" } } ] }
            """);

        var status = await EndAsync(id);

        var steps = status.Output!.Steps;
        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal((StepStatus.Failed, 1), (steps["index"].Status, steps["index"].Attempts));
        Assert.Contains("input.list[3]", steps["index"].Error, StringComparison.Ordinal);
        Assert.Equal((StepStatus.Failed, 1), (steps["deep"].Status, steps["deep"].Attempts));
        Assert.Contains("input.nope.deeper", steps["deep"].Error, StringComparison.Ordinal);
        Assert.Equal(StepStatus.Succeeded, steps["fine"].Status);
        Golden("missing-paths", status);
    }

    [Fact]
    public virtual async Task An_http_output_over_the_limit_fails_without_retry_and_one_under_it_passes()
    {
        var id = await StartAsync("""
            { "name": "output-limit", "defaults": { "retry": { "maxNumberOfAttempts": 3, "firstRetryIntervalSeconds": 0.1 } }, "steps": [
              { "id": "big", "tool": "http", "parameters": { "url": "http://world/big?bytes=5000" } },
              { "id": "small", "tool": "http", "parameters": { "url": "http://world/big?bytes=2000" } } ] }
            """);

        var status = await EndAsync(id);

        var steps = status.Output!.Steps;
        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal((StepStatus.Failed, 1), (steps["big"].Status, steps["big"].Attempts));
        Assert.Contains(ScenarioEngine.MaxStepOutputBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), steps["big"].Error, StringComparison.Ordinal);
        Assert.Equal(StepStatus.Succeeded, steps["small"].Status);
        Golden("output-too-large", status);
    }

    [Fact]
    public virtual async Task Cancel_ends_running_retrying_and_pending_steps_and_keeps_what_succeeded()
    {
        var id = await StartAsync("""
            { "name": "cancel-mid-run", "steps": [
              { "id": "done", "tool": "echo", "parameters": { "ok": true } },
              { "id": "hang", "tool": "http", "parameters": { "url": "http://world/hold?key={{ run.instanceId }}" }, "timeoutSeconds": 5, "retry": { "maxNumberOfAttempts": 1 } },
              { "id": "flaky", "tool": "http", "parameters": { "url": "http://world/flaky?key={{ run.instanceId }}&failures=99" },
                "retry": { "maxNumberOfAttempts": 5, "firstRetryIntervalSeconds": 0.1, "backoffCoefficient": 600 } },
              { "id": "after", "tool": "echo", "dependsOn": ["flaky"] } ] }
            """);
        // Waiting to retry: its second attempt was answered and the step is no longer the running one.
        await Eventually.TrueAsync(
            async () => World.Requests.Count(r => r.Path == "/flaky" && r.Query.GetValueOrDefault("key") == id) == 2
                && World.Requests.Any(r => r.Path == "/hold" && r.Query.GetValueOrDefault("key") == id)
                && await Progress(id) is { CurrentStep: null, CompletedSteps: 1 },
            EndTimeout,
            $"run {id} did not come to wait for its third attempt of flaky with hang running");

        Assert.Equal(ControlResult.Accepted, await Client.RaiseEventAsync(id, "cancel", null));

        var status = await EndAsync(id);
        var steps = status.Output!.Steps;
        Assert.Equal(RuntimeStatus.Canceled, status.RuntimeStatus);
        Assert.Equal(StepStatus.Succeeded, steps["done"].Status);
        Assert.Equal(StepStatus.Cancelled, steps["hang"].Status);
        Assert.Equal((StepStatus.Cancelled, 2), (steps["flaky"].Status, steps["flaky"].Attempts));
        Assert.Equal(StepStatus.Cancelled, steps["after"].Status);
        Assert.Equal(ControlResult.AlreadyEnded, await Client.RaiseEventAsync(id, "cancel", null));
        Golden("cancel-mid-run", status);
    }

    [Fact]
    public virtual async Task Cancel_does_not_wait_for_a_running_attempt_to_end()
    {
        var id = await StartAsync("""
            { "name": "cancel-at-once", "steps": [
              { "id": "hang", "tool": "http", "parameters": { "url": "http://world/hold?key={{ run.instanceId }}" }, "timeoutSeconds": 300,
                "retry": { "maxNumberOfAttempts": 1 } } ] }
            """);
        await Eventually.TrueAsync(() => World.Requests.Any(r => r.Path == "/hold" && r.Query.GetValueOrDefault("key") == id), EndTimeout, $"run {id} did not call the world");

        Assert.Equal(ControlResult.Accepted, await Client.RaiseEventAsync(id, "cancel", null));

        // The spec: a running step is cancelled and the run winds down; it does not wait out the attempt's 300 s.
        var status = await EndAsync(id, TimeSpan.FromSeconds(60));
        Assert.Equal(RuntimeStatus.Canceled, status.RuntimeStatus);
        Assert.Equal(StepStatus.Cancelled, status.Output!.Steps["hang"].Status);
        Golden("cancel-at-once", status);
    }

    [Fact]
    public virtual async Task The_progress_is_the_custom_status_of_the_status_document_while_a_step_waits_to_retry()
    {
        var id = await StartAsync("""
            { "name": "progress", "steps": [
              { "id": "done", "tool": "echo", "parameters": { "ok": true } },
              { "id": "flaky", "tool": "http", "parameters": { "url": "http://world/flaky?key={{ run.instanceId }}&failures=99" },
                "retry": { "maxNumberOfAttempts": 3, "firstRetryIntervalSeconds": 0.1, "backoffCoefficient": 600 } } ] }
            """);
        await Eventually.TrueAsync(
            async () => World.Requests.Count(r => r.Path == "/flaky" && r.Query.GetValueOrDefault("key") == id) == 2
                && await Progress(id) is { CurrentStep: null, CompletedSteps: 1 },
            EndTimeout,
            $"run {id} did not come to wait for its third attempt of flaky");

        // GET .../progress and the status document's customStatus are one value: a client may read either.
        await Eventually.TrueAsync(
            async () => await Client.GetProgressAsync(id) is { CurrentStep: null, CompletedSteps: 1, Status: RuntimeStatus.Running },
            TimeSpan.FromSeconds(20),
            $"the progress of run {id} did not come to show flaky waiting to retry, as its status document does");

        Assert.Equal(ControlResult.Accepted, await Client.RaiseEventAsync(id, "cancel", null));
        var status = await EndAsync(id);
        Assert.Equal(RuntimeStatus.Canceled, status.RuntimeStatus);
        Assert.Equal((StepStatus.Cancelled, 2), (status.Output!.Steps["flaky"].Status, status.Output.Steps["flaky"].Attempts));
        Golden("progress-while-waiting-to-retry", status);
    }

    [Fact]
    public virtual async Task WaitForEvent_steps_take_their_own_event_or_time_out()
    {
        var id = await StartAsync("""
            { "name": "events", "steps": [
              { "id": "approval", "tool": "waitForEvent", "parameters": { "eventName": "approved", "timeoutSeconds": 60 } },
              { "id": "expires", "tool": "waitForEvent", "parameters": { "eventName": "never", "timeoutSeconds": 0.5 }, "retry": { "maxNumberOfAttempts": 1 } },
              { "id": "use", "tool": "echo", "dependsOn": ["approval"], "parameters": { "by": "{{ steps.approval.output.by }}" } } ] }
            """);
        await Eventually.TrueAsync(async () => await Progress(id) is { FailedSteps: 1 }, EndTimeout, $"the waitForEvent step of run {id} did not time out");

        Assert.Equal(ControlResult.Accepted, await Client.RaiseEventAsync(id, "approved", Json("""{ "by": "ada" }""")));

        var status = await EndAsync(id);
        Assert.Equal(RuntimeStatus.Failed, status.RuntimeStatus);
        Assert.Equal(RunOutcome.PartiallySucceeded, status.Output!.Outcome);
        Assert.Equal("ada", Output(status, "use").GetProperty("by").GetString());
        Assert.Equal(StepStatus.Failed, status.Output.Steps["expires"].Status);
        Assert.Contains("timed out", status.Output.Steps["expires"].Error, StringComparison.Ordinal);
        Golden("wait-for-event", status);
    }

    [Fact]
    public virtual async Task A_plan_of_1000_steps_in_fifty_chains_completes()
    {
        var steps = new List<object>();
        for (var chain = 0; chain < 50; chain++)
        {
            for (var link = 0; link < 20; link++)
            {
                steps.Add(link == 0
                    ? new { id = $"c{chain}s0", tool = "echo", parameters = (object)new { chain, n = 0 } }
                    : new { id = $"c{chain}s{link}", tool = "echo", dependsOn = new[] { $"c{chain}s{link - 1}" }, parameters = (object)new { chain = $"{{{{ steps.c{chain}s{link - 1}.output.chain }}}}", n = link } });
            }
        }

        var id = await StartAsync(JsonSerializer.Serialize(new { name = "thousand", steps }));

        // Without the input: the plan itself would double the golden file.
        var status = await EndAsync(id, TimeSpan.FromMinutes(5), showInput: false);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(1000, status.CustomStatus.CompletedSteps);
        Assert.All(status.Output!.Steps.Values, s => Assert.Equal(1, s.Attempts));
        Assert.Equal(49, Output(status, "c49s19").GetProperty("chain").GetInt32());
        Golden("thousand-steps", status);
    }

    /// <summary>Reads and validates a plan (<c>http://world/</c> is the scenario world, <c>%ID%</c> the instance id), starts it, and returns the instance id.</summary>
    protected async Task<string> StartAsync(string planJson)
    {
        var id = PlanFunctionsClient.NewInstanceId();
        var json = planJson.Replace("http://world/", World.BaseAddress.ToString(), StringComparison.Ordinal).Replace("%ID%", id, StringComparison.Ordinal);
        var read = Client.Validate(Encoding.UTF8.GetBytes(json));
        Assert.True(read.Succeeded, string.Join(Environment.NewLine, read.Problems));
        Assert.Equal(StartRunResult.Started, await Client.StartAsync(id, read.Plan!));
        return id;
    }

    /// <summary>Waits for the run to end (its output is there) and returns its status document, with its input unless told otherwise.</summary>
    protected async Task<OrchestrationStatus> EndAsync(string instanceId, TimeSpan? timeout = null, bool showInput = true)
    {
        OrchestrationStatus? status = null;
        await Eventually.TrueAsync(
            async () => (status = await Client.GetStatusAsync(instanceId, new StatusQuery(ShowInput: showInput)))?.Output is not null,
            timeout ?? EndTimeout,
            $"run {instanceId} did not end");
        return status!;
    }

    /// <summary>
    /// The run's progress as its status document shows it (<c>customStatus</c>): the one both engines keep current
    /// (the Durable Task engine's <see cref="PlanFunctionsClient.GetProgressAsync"/> reads its monitor entity, which
    /// is signalled at most once a second, so it may show a step as running after it has stopped).
    /// </summary>
    protected async Task<ExecutionProgress?> Progress(string instanceId) =>
        (await Client.GetStatusAsync(instanceId, new StatusQuery(ShowInput: false)))?.CustomStatus;

    /// <summary>Asserts the run's normalised status document is the scenario's golden one.</summary>
    protected void Golden(string scenario, OrchestrationStatus status) =>
        ScenarioDocument.AssertMatchesGolden(scenario, status, World.BaseAddress, typeof(TEngine).Name);

    private static JsonElement Output(OrchestrationStatus status, string stepId) =>
        status.Output!.Steps[stepId].Output ?? throw new InvalidOperationException($"step {stepId} has no output");

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
