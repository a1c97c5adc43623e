using System.Net;
using PlanFunctions.Host.Tests.TestSupport;
using static PlanFunctions.Host.Tests.TestSupport.Api;

namespace PlanFunctions.Host.Tests.Api;

/// <summary>Durable Functions' own start route and its entity API, as its clients call them.</summary>
[Collection(HostCollection.Name)]
public sealed class DurableFunctionsRoutesTests(HostFixture fixture)
{
    private const string Orchestrators = "runtime/webhooks/durabletask/orchestrators";
    private const string Entities = "runtime/webhooks/durabletask/entities";

    private HttpClient Http => fixture.Host.Http;

    [Fact]
    public async Task The_start_route_of_RunPlan_answers_as_POST_api_plans_does()
    {
        using var viaPlans = await Http.PostAsync("api/plans", Json(QuickPlan));
        using var viaOrchestrators = await Http.PostAsync($"{Orchestrators}/RunPlan", Json(QuickPlan));
        var plans = await BodyAsync(viaPlans);
        var payload = await BodyAsync(viaOrchestrators);

        Assert.Equal(HttpStatusCode.Accepted, viaOrchestrators.StatusCode);
        var id = (string)payload["id"]!;
        Assert.Equal(plans.AsObject().Select(p => p.Key), payload.AsObject().Select(p => p.Key));
        var instance = new Uri(fixture.Host.Address, $"{Instances}/{id}").ToString();
        Assert.Equal(instance, (string)payload["statusQueryGetUri"]!);
        Assert.Equal(instance + "/raiseEvent/{eventName}", (string)payload["sendEventPostUri"]!);
        Assert.Equal(instance, viaOrchestrators.Headers.Location!.ToString());
        Assert.Equal(viaPlans.Headers.RetryAfter, viaOrchestrators.Headers.RetryAfter);
        Assert.Equal("Completed", (string)(await WaitForEndAsync(Http, id))["runtimeStatus"]!);
    }

    [Fact]
    public async Task The_start_route_takes_a_chosen_id_any_case_of_the_name_and_refuses_one_that_runs()
    {
        var id = "orchestrators-" + Guid.NewGuid().ToString("N");

        using var first = await Http.PostAsync($"{Orchestrators}/runplan/{id}", Json(WaitingPlan));
        using var second = await Http.PostAsync($"{Orchestrators}/RunPlan/{id}", Json(QuickPlan));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(id, (string)(await BodyAsync(first))["id"]!);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Http, $"{Instances}/{id}/terminate"));
    }

    [Fact]
    public async Task Another_orchestrator_name_is_404_naming_RunPlan()
    {
        using var response = await Http.PostAsync($"{Orchestrators}/HelloSequence", Json(QuickPlan));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = (string)(await BodyAsync(response))["error"]!;
        Assert.Contains("HelloSequence", error, StringComparison.Ordinal);
        Assert.Contains("RunPlan", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_start_route_validates_the_plan_as_POST_api_plans_does()
    {
        const string Bad = """{ "name": "bad", "steps": [ { "id": "a", "tool": "nope" }, { "id": "b", "tool": "echo", "dependsOn": ["zzz"] } ] }""";
        using var viaPlans = await Http.PostAsync("api/plans", Json(Bad));
        using var viaOrchestrators = await Http.PostAsync($"{Orchestrators}/RunPlan", Json(Bad));

        Assert.Equal(HttpStatusCode.BadRequest, viaOrchestrators.StatusCode);
        Assert.Equal((await BodyAsync(viaPlans)).ToJsonString(), (await BodyAsync(viaOrchestrators)).ToJsonString());
    }

    [Fact]
    public async Task A_run_monitor_entity_is_read_in_any_case_of_its_name()
    {
        var id = await StartIdAsync(Http, QuickPlan);
        await WaitForEndAsync(Http, id);

        using var response = await Http.GetAsync($"{Entities}/PlanMonitor/{id}");
        using var lower = await Http.GetAsync($"{Entities}/planmonitor/{id}");
        var state = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, (string)state["planId"]!);
        Assert.Equal("Completed", (string)state["status"]!);
        Assert.Equal(1, (int)state["completedSteps"]!);
        Assert.Equal(HttpStatusCode.OK, lower.StatusCode);
    }

    [Fact]
    public async Task The_statistics_entity_holds_the_counters_of_api_statistics()
    {
        var id = await StartIdAsync(Http, QuickPlan);
        await WaitForEndAsync(Http, id);

        using var response = await Http.GetAsync($"{Entities}/ExecutionStatistics/global");
        var state = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var statistics = await StatisticsAsync(Http);
        Assert.Equal(statistics.AsObject().Select(p => p.Key).Order(), state.AsObject().Select(p => p.Key).Order());
        Assert.True((long)state["totalPlans"]! >= 1);
    }

    [Theory]
    [InlineData("PlanMonitor/no-such-run", "no run has this one")]
    [InlineData("ExecutionStatistics/other", "global")]
    [InlineData("Counter/any", "PlanMonitor and ExecutionStatistics")]
    public async Task An_entity_that_does_not_exist_is_404_saying_why(string path, string why)
    {
        using var response = await Http.GetAsync($"{Entities}/{path}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(why, (string)(await BodyAsync(response))["error"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_monitors_are_listed_with_their_state_when_asked()
    {
        var id = await StartIdAsync(Http, QuickPlan);
        await WaitForEndAsync(Http, id);

        using var withState = await Http.GetAsync($"{Entities}/PlanMonitor?fetchState=true&top=1000");
        using var withoutState = await Http.GetAsync($"{Entities}/planmonitor?top=1000");
        var listed = (await BodyAsync(withState)).AsArray().Single(e => (string)e!["entityId"]!["key"]! == id)!;
        var bare = (await BodyAsync(withoutState)).AsArray().Single(e => (string)e!["entityId"]!["key"]! == id)!;

        Assert.Equal(HttpStatusCode.OK, withState.StatusCode);
        Assert.Equal("planmonitor", (string)listed["entityId"]!["name"]!);
        Assert.Equal(id, (string)listed["state"]!["planId"]!);
        Assert.True(DateTimeOffset.TryParse((string)listed["lastOperationTime"]!, out _));
        Assert.Null(bare["state"]);
    }

    [Fact]
    public async Task The_statistics_entity_is_listed_once_and_an_unknown_name_has_none()
    {
        using var statistics = await Http.GetAsync($"{Entities}/ExecutionStatistics?fetchState=true");
        using var unknown = await Http.GetAsync($"{Entities}/Counter");
        using var badQuery = await Http.GetAsync($"{Entities}/PlanMonitor?top=0&fetchState=maybe");

        var entity = Assert.Single((await BodyAsync(statistics)).AsArray())!;
        Assert.Equal("executionstatistics", (string)entity["entityId"]!["name"]!);
        Assert.Equal("global", (string)entity["entityId"]!["key"]!);
        Assert.NotNull(entity["state"]!["totalPlans"]);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Empty((await BodyAsync(unknown)).AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
        Assert.Equal(2, (await BodyAsync(badQuery))["details"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("PlanMonitor/any?op=reset", "orchestrator")]
    [InlineData("executionstatistics/global?op=add", "written only by the engine")]
    public async Task Signalling_an_entity_users_may_not_change_is_400_saying_why(string path, string why)
    {
        using var response = await Http.PostAsync($"{Entities}/{path}", Json("{}"));
        var body = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(why, (string)body["details"]![0]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signalling_an_entity_that_does_not_exist_is_404()
    {
        using var response = await Http.PostAsync($"{Entities}/Counter/any?op=add", Json("1"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
