using System.Text.Json;
using PlanFunctions.Core.Control;
using PlanFunctions.Core.Execution;
using PlanFunctions.TestSupport;

namespace PlanFunctions.DurableTask.Tests;

/// <summary>Events and control operations on runs through the DurableTaskPlanFunctionsClient, on Azurite.</summary>
[Collection(FullAzuriteFixture.CollectionName)]
public sealed class ControlTests(FullAzuriteFixture azurite) : IAsyncLifetime
{
    private const string WaitingPlan = """
        {
          "name": "waits",
          "steps": [
            { "id": "first", "tool": "echo", "parameters": { "n": 1 } },
            { "id": "approval", "tool": "waitForEvent", "dependsOn": ["first"], "parameters": { "eventName": "approved" } },
            { "id": "after", "tool": "echo", "dependsOn": ["approval"], "parameters": { "by": "{{ steps.approval.output.by }}" } }
          ]
        }
        """;

    private DurableEngine _engine = null!;

    public async Task InitializeAsync() => _engine = await DurableEngine.StartAsync(azurite);

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    private Task<Core.Status.OrchestrationStatus> WaitingForApprovalAsync(string id) =>
        _engine.WaitForAsync(id, s => s.CustomStatus.CompletedSteps == 1 && s.RuntimeStatus == RuntimeStatus.Running);

    [Fact]
    public async Task A_raised_event_completes_the_waitForEvent_step_with_its_payload()
    {
        var id = await _engine.StartAsync(WaitingPlan);
        await WaitingForApprovalAsync(id);

        var payload = JsonSerializer.SerializeToElement(new { by = "ops" });
        Assert.Equal(ControlResult.Accepted, await _engine.Client.RaiseEventAsync(id, "approved", payload));
        var status = await _engine.WaitForEndAsync(id);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal("ops", status.Output!.Steps["after"].Output!.Value.GetProperty("by").GetString());
    }

    [Fact]
    public async Task Cancel_ends_the_run_Canceled_with_the_waiting_step_cancelled()
    {
        var id = await _engine.StartAsync(WaitingPlan);
        await WaitingForApprovalAsync(id);

        Assert.Equal(ControlResult.Accepted, await _engine.Client.RaiseEventAsync(id, "cancel", JsonSerializer.SerializeToElement(new { reason = "not needed" })));
        var status = await _engine.WaitForEndAsync(id);

        Assert.Equal(RuntimeStatus.Canceled, status.RuntimeStatus);
        Assert.Equal(StepStatus.Succeeded, status.Output!.Steps["first"].Status);
        Assert.Equal(StepStatus.Cancelled, status.Output.Steps["approval"].Status);
        Assert.Equal(StepStatus.Cancelled, status.Output.Steps["after"].Status);
        Assert.Contains("not needed", status.Output.Error, StringComparison.Ordinal);
        Assert.Equal(ControlResult.AlreadyEnded, await _engine.Client.RaiseEventAsync(id, "cancel", null));
    }

    [Fact]
    public async Task Terminate_ends_the_run_Terminated_and_the_statistics_count_it()
    {
        var id = await _engine.StartAsync(WaitingPlan);
        await WaitingForApprovalAsync(id);

        Assert.Equal(ControlResult.Accepted, await _engine.Client.TerminateAsync(id, "stop now"));
        var status = await _engine.WaitForEndAsync(id);

        Assert.Equal(RuntimeStatus.Terminated, status.RuntimeStatus);
        Assert.Equal(StepStatus.Cancelled, status.Output!.Steps["approval"].Status);
        await _engine.WaitForStatisticsAsync(s => s.TerminatedPlans >= 1);
    }

    [Fact]
    public async Task Extend_timeout_needs_positive_seconds_and_unknown_runs_are_not_found()
    {
        var id = await _engine.StartAsync(WaitingPlan);
        await WaitingForApprovalAsync(id);

        Assert.Equal(ControlResult.Invalid, await _engine.Client.RaiseEventAsync(id, "extendTimeout", JsonSerializer.SerializeToElement(new { seconds = -5 })));
        Assert.Equal(ControlResult.Accepted, await _engine.Client.RaiseEventAsync(id, "extendTimeout", JsonSerializer.SerializeToElement(new { seconds = 60 })));
        Assert.Equal(ControlResult.NotFound, await _engine.Client.RaiseEventAsync("no-such-run", "cancel", null));
        Assert.Equal(ControlResult.NotFound, await _engine.Client.TerminateAsync("no-such-run", null));
        Assert.Null(await _engine.Client.GetStatusAsync("no-such-run"));

        await _engine.WaitForAsync(id, s => s.CustomStatus.RemainingSeconds > 7200);
        Assert.Equal(ControlResult.Accepted, await _engine.Client.RaiseEventAsync(id, "cancel", null));
        await _engine.WaitForEndAsync(id);
    }

    [Fact]
    public async Task A_start_under_the_id_of_a_run_that_has_not_ended_is_a_conflict_and_an_ended_one_is_replaced()
    {
        var id = await _engine.StartAsync(WaitingPlan);
        await WaitingForApprovalAsync(id);
        var plan = _engine.Client.Validate(System.Text.Encoding.UTF8.GetBytes(WaitingPlan)).Plan!;

        Assert.Equal(StartRunResult.Conflict, await _engine.Client.StartAsync(id, plan));
        Assert.Equal(ControlResult.Conflict, await _engine.Client.PurgeAsync(id));

        await _engine.Client.RaiseEventAsync(id, "approved", JsonSerializer.SerializeToElement(new { by = "ops" }));
        await _engine.WaitForEndAsync(id);
        Assert.Equal(StartRunResult.Started, await _engine.Client.StartAsync(id, plan));
        await _engine.WaitForAsync(id, s => s.Output is null && s.CustomStatus.CompletedSteps == 1);
        await _engine.Client.RaiseEventAsync(id, "approved", JsonSerializer.SerializeToElement(new { by = "ops" }));
        Assert.Equal(RuntimeStatus.Completed, (await _engine.WaitForEndAsync(id)).RuntimeStatus);
    }

    [Fact]
    public async Task Purge_removes_an_ended_run_and_keeps_it_in_the_statistics()
    {
        var id = await _engine.StartAsync("""{ "name": "short", "steps": [ { "id": "a", "tool": "echo", "parameters": { "n": 1 } } ] }""");
        await _engine.WaitForEndAsync(id);
        var before = await _engine.WaitForStatisticsAsync(s => s.CompletedPlans >= 1);

        Assert.Equal(ControlResult.Accepted, await _engine.Client.PurgeAsync(id));

        Assert.Null(await _engine.Client.GetStatusAsync(id));
        Assert.Equal(ControlResult.NotFound, await _engine.Client.PurgeAsync(id));
        var after = await _engine.Client.GetStatisticsAsync();
        Assert.True(after.CompletedPlans >= before.CompletedPlans);
        Assert.True(after.Tools.ContainsKey("echo"));
    }

    [Fact]
    public async Task Suspend_holds_the_run_and_resume_lets_it_finish()
    {
        var id = await _engine.StartAsync(WaitingPlan);
        await WaitingForApprovalAsync(id);

        Assert.Equal(ControlResult.Accepted, await _engine.Client.SuspendAsync(id, "hold"));
        await _engine.WaitForAsync(id, s => s.RuntimeStatus == RuntimeStatus.Suspended);
        await _engine.Client.RaiseEventAsync(id, "approved", JsonSerializer.SerializeToElement(new { by = "ops" }));
        Assert.Equal(ControlResult.Accepted, await _engine.Client.ResumeAsync(id, "go"));

        Assert.Equal(RuntimeStatus.Completed, (await _engine.WaitForEndAsync(id)).RuntimeStatus);
    }

    [Fact]
    public async Task The_monitor_entity_holds_the_progress_and_the_statistics_count_runs_and_tools()
    {
        var id = await _engine.StartAsync("""
            { "name": "counted", "steps": [
              { "id": "a", "tool": "echo", "parameters": { "n": 1 } },
              { "id": "b", "tool": "fail", "dependsOn": ["a"], "parameters": { "failTimes": 1 }, "retry": { "maxNumberOfAttempts": 2, "firstRetryIntervalSeconds": 0.1 } } ] }
            """);
        await _engine.WaitForEndAsync(id);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        ExecutionProgress? progress;
        while ((progress = await _engine.Client.GetProgressAsync(id)) is not { Status: RuntimeStatus.Completed } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(RuntimeStatus.Completed, progress!.Status);
        Assert.Equal(2, progress.CompletedSteps);
        var statistics = await _engine.WaitForStatisticsAsync(s => s.Tools.TryGetValue("fail", out var fail) && fail.Retries >= 1);
        Assert.True(statistics.TotalPlans >= 1);
        Assert.True(statistics.CompletedPlans >= 1);
        Assert.True(statistics.Tools["echo"].Steps >= 1);
    }

    [Fact]
    public async Task The_list_shows_runs_with_core_statuses()
    {
        var id = await _engine.StartAsync("""{ "name": "listed", "steps": [ { "id": "a", "tool": "echo", "parameters": { "n": 1 } } ] }""");
        await _engine.WaitForEndAsync(id);

        var page = await _engine.Client.ListAsync(new PlanFunctions.Client.InstanceQuery { InstanceIdPrefix = id });

        var record = Assert.Single(page.Instances);
        Assert.Equal("listed", record.Name);
        Assert.Equal(RuntimeStatus.Completed, record.RuntimeStatus);
    }
}
