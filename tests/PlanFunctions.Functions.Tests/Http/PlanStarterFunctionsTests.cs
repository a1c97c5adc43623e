using System.Net;
using Microsoft.DurableTask.Client;
using PlanFunctions.Functions.Http;
using PlanFunctions.Functions.Tests.TestSupport;

namespace PlanFunctions.Functions.Tests.Http;

public sealed class PlanStarterFunctionsTests : IDisposable
{
    private const string Instances = "http://localhost:7071/runtime/webhooks/durabletask/instances";

    private const string ChainPlan = """
        { "name": "chain", "steps": [
            { "id": "fetch", "tool": "echo", "parameters": { "total": 3 } },
            { "id": "count", "tool": "echo", "dependsOn": ["fetch"], "parameters": { "n": "{{ steps.fetch.output.total }}" } } ] }
        """;

    private readonly FunctionsApp _app = new(new Dictionary<string, string?>
    {
        ["extensions:durableTask:defaultRunTimeoutSeconds"] = "900",
        ["extensions:durableTask:defaultStepTimeoutSeconds"] = "45",
        ["extensions:durableTask:defaultRetry:maxNumberOfAttempts"] = "6",
        ["extensions:http:maxRequestBodyBytes"] = "2048",
        ["extensions:http:retryAfterSeconds"] = "3",
    });

    private readonly DurableClientMock _durable = new();

    private PlanStarterFunctions Starter => _app.Create<PlanStarterFunctions>();

    [Fact]
    public async Task A_valid_plan_starts_RunPlan_with_the_host_defaults_and_answers_202_with_the_check_status_payload()
    {
        var response = await Starter.StartAsync(FunctionsHttp.Request(_app.Services, "POST", "api/plans", ChainPlan), _durable.Object, CancellationToken.None);
        var body = FunctionsHttp.Body(response);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(body["id"] is not null, body.ToJsonString());
        var (name, id, input) = Assert.Single(_durable.Scheduled);
        Assert.Equal("RunPlan", name);
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal("chain", input.Plan!.Name);
        Assert.Equal(900, input.Plan.TimeoutSeconds);
        Assert.Equal(45, input.Plan.Defaults!.TimeoutSeconds);
        Assert.Equal(6, input.Plan.Defaults.Retry!.MaxNumberOfAttempts);
        Assert.NotNull(input.RunToken);
        Assert.Equal(0, input.Generation);

        var instance = $"{Instances}/{id}";
        Assert.Equal(id, (string)body["id"]!);
        Assert.Equal(instance, (string)body["statusQueryGetUri"]!);
        Assert.Equal(instance + "/raiseEvent/{eventName}", (string)body["sendEventPostUri"]!);
        Assert.Equal(instance + "/terminate?reason={text}", (string)body["terminatePostUri"]!);
        Assert.Equal(instance + "/suspend?reason={text}", (string)body["suspendPostUri"]!);
        Assert.Equal(instance + "/resume?reason={text}", (string)body["resumePostUri"]!);
        Assert.Equal(instance, (string)body["purgeHistoryDeleteUri"]!);
        Assert.Equal(instance, FunctionsHttp.Header(response, "Location"));
        Assert.Equal("3", FunctionsHttp.Header(response, "Retry-After"));
    }

    [Fact]
    public async Task A_chosen_instance_id_is_the_runs_id_and_in_every_url()
    {
        var response = await Starter.StartWithInstanceIdAsync(
            FunctionsHttp.Request(_app.Services, "POST", "api/plans/report-2026-11-25", ChainPlan), _durable.Object, "report-2026-11-25", CancellationToken.None);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("report-2026-11-25", Assert.Single(_durable.Scheduled).InstanceId);
        Assert.Equal($"{Instances}/report-2026-11-25", FunctionsHttp.Header(response, "Location"));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public async Task An_instance_id_whose_run_has_not_ended_is_answered_409_and_nothing_is_started(OrchestrationRuntimeStatus status)
    {
        _durable.Has("nightly", status);

        var response = await Starter.StartWithInstanceIdAsync(FunctionsHttp.Request(_app.Services, "POST", "api/plans/nightly", ChainPlan), _durable.Object, "nightly", CancellationToken.None);
        var body = FunctionsHttp.Body(response);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("The instance 'nightly' has a run that has not ended; terminate or wait for it before starting another under this id.", (string)body["error"]!);
        Assert.Empty(body["details"]!.AsArray());
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task An_instance_id_whose_run_has_ended_starts_a_new_run_as_Durable_Functions_does()
    {
        _durable.Has("nightly", OrchestrationRuntimeStatus.Completed);

        var response = await Starter.StartWithInstanceIdAsync(FunctionsHttp.Request(_app.Services, "POST", "api/plans/nightly", ChainPlan), _durable.Object, "nightly", CancellationToken.None);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("nightly", Assert.Single(_durable.Scheduled).InstanceId);
    }

    [Fact]
    public async Task A_plan_with_several_problems_is_answered_400_with_every_one_of_them_and_nothing_is_started()
    {
        const string plan = """
            { "name": "broken", "steps": [
                { "id": "a", "tool": "no-such-tool" },
                { "id": "a", "tool": "echo" },
                { "id": "b", "tool": "echo", "dependsOn": ["missing"], "retry": { "maxNumberOfAttempts": 0 } } ] }
            """;

        var response = await Starter.StartAsync(FunctionsHttp.Request(_app.Services, "POST", "api/plans", plan), _durable.Object, CancellationToken.None);
        var body = FunctionsHttp.Body(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/json", FunctionsHttp.Header(response, "Content-Type"));
        var details = body["details"]!.AsArray();
        Assert.Equal($"The plan was not accepted: {details.Count} problems.", (string)body["error"]!);
        Assert.True(details.Count >= 4, body.ToJsonString());
        Assert.True(details.Any(d => (string?)d!["stepId"] == "a" && (string?)d["property"] == "tool" && ((string)d["message"]!).Contains("no-such-tool", StringComparison.Ordinal)), body.ToJsonString());
        Assert.True(details.Any(d => (string?)d!["property"] == "id" && ((string)d["path"]!).StartsWith("$.steps[1]", StringComparison.Ordinal)), body.ToJsonString());
        Assert.True(details.Any(d => (string?)d!["stepId"] == "b" && (string?)d["property"] == "dependsOn[0]" && ((string)d["message"]!).Contains("missing", StringComparison.Ordinal)), body.ToJsonString());
        Assert.True(details.Any(d => (string?)d!["stepId"] == "b" && (string?)d["property"] == "retry.maxNumberOfAttempts"), body.ToJsonString());
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_answered_400_with_its_line_and_position()
    {
        var response = await Starter.StartAsync(FunctionsHttp.Request(_app.Services, "POST", "api/plans", "{ \"name\": \"x\",\n  \"steps\": [ }"), _durable.Object, CancellationToken.None);
        var detail = Assert.Single(FunctionsHttp.Body(response)["details"]!.AsArray())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(2, (int)detail["line"]!);
        Assert.NotNull(detail["position"]);
        Assert.Empty(_durable.Scheduled);
    }

    [Fact]
    public async Task An_empty_body_is_answered_400_saying_a_plan_is_required()
    {
        var response = await Starter.StartAsync(FunctionsHttp.Request(_app.Services, "POST", "api/plans"), _durable.Object, CancellationToken.None);
        var body = FunctionsHttp.Body(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("a plan is required", (string)body["details"]![0]!["message"]!);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    public async Task An_instance_id_that_cannot_be_used_is_answered_400_naming_it(string instanceId)
    {
        var response = await Starter.StartWithInstanceIdAsync(FunctionsHttp.Request(_app.Services, "POST", "api/plans/x", ChainPlan), _durable.Object, instanceId, CancellationToken.None);
        var body = FunctionsHttp.Body(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The instance id cannot be used.", (string)body["error"]!);
        Assert.Equal("instanceId", (string)body["details"]![0]!["property"]!);
        Assert.Empty(_durable.Scheduled);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_configured_limit_is_answered_413_whether_or_not_its_length_was_declared(bool declared)
    {
        var plan = ChainPlan.Replace("\"chain\"", "\"" + new string('x', 3000) + "\"", StringComparison.Ordinal);

        var response = await Starter.StartAsync(FunctionsHttp.Request(_app.Services, "POST", "api/plans", plan, declared), _durable.Object, CancellationToken.None);
        var body = FunctionsHttp.Body(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("The request body is larger than the limit of 2048 bytes (extensions:http:maxRequestBodyBytes).", (string)body["error"]!);
        Assert.Empty(_durable.Scheduled);
    }

    public void Dispose() => _app.Dispose();
}
