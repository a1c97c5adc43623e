using System.Net;
using System.Text.Json.Nodes;
using PlanFunctions.Host.Tests.TestSupport;

namespace PlanFunctions.Host.Tests.Api;

[Collection(HostCollection.Name)]
public sealed class StartRunTests(HostFixture fixture)
{
    private HttpClient Http => fixture.Host.Http;

    [Fact]
    public async Task A_started_plan_answers_202_with_the_check_status_payload_and_its_status_reaches_200()
    {
        using var response = await Http.PostAsync("api/plans", TestSupport.Api.Json("""
            { "name": "chain", "steps": [
                { "id": "fetch", "tool": "echo", "parameters": { "total": 3 } },
                { "id": "count", "tool": "echo", "dependsOn": ["fetch"], "parameters": { "n": "{{ steps.fetch.output.total }}" } } ] }
            """));
        var payload = await TestSupport.Api.BodyAsync(response);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (string)payload["id"]!;
        var instance = new Uri(fixture.Host.Address, $"{TestSupport.Api.Instances}/{id}").ToString();
        Assert.Equal(instance, (string)payload["statusQueryGetUri"]!);
        Assert.Equal(instance + "/raiseEvent/{eventName}", (string)payload["sendEventPostUri"]!);
        Assert.Equal(instance + "/terminate?reason={text}", (string)payload["terminatePostUri"]!);
        Assert.Equal(instance + "/suspend?reason={text}", (string)payload["suspendPostUri"]!);
        Assert.Equal(instance + "/resume?reason={text}", (string)payload["resumePostUri"]!);
        Assert.Equal(instance, (string)payload["purgeHistoryDeleteUri"]!);
        Assert.Equal(instance, response.Headers.Location!.ToString());
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter!.Delta);

        var status = await TestSupport.Api.WaitForEndAsync(Http, id);

        Assert.Equal("chain", (string)status["name"]!);
        Assert.Equal(id, (string)status["instanceId"]!);
        Assert.Equal("Completed", (string)status["runtimeStatus"]!);
        Assert.Equal("chain", (string)status["input"]!["name"]!);
        Assert.Equal(2, (int)status["customStatus"]!["completedSteps"]!);
        Assert.Equal(2, (int)status["customStatus"]!["totalSteps"]!);
        Assert.Equal(id, (string)status["customStatus"]!["planId"]!);
        Assert.Equal("Succeeded", (string)status["output"]!["outcome"]!);
        Assert.Equal(3, (int)status["output"]!["steps"]!["count"]!["output"]!["n"]!);
        Assert.Equal("Succeeded", (string)status["output"]!["steps"]!["fetch"]!["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)status["output"]!["response"]));
        Assert.True(DateTimeOffset.Parse((string)status["lastUpdatedTime"]!) >= DateTimeOffset.Parse((string)status["createdTime"]!));
        Assert.Null(status["historyEvents"]);
    }

    [Fact]
    public async Task Status_leaves_the_input_out_and_adds_history_when_asked()
    {
        var id = await TestSupport.Api.StartIdAsync(Http, TestSupport.Api.QuickPlan);
        await TestSupport.Api.WaitForEndAsync(Http, id);

        using var response = await Http.GetAsync($"{TestSupport.Api.Instances}/{id}?showInput=false&showHistory=true");
        var status = await TestSupport.Api.BodyAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(status.AsObject().ContainsKey("input"));
        Assert.Null(status["input"]);
        Assert.NotEmpty(status["historyEvents"]!.AsArray());
    }

    [Fact]
    public async Task A_running_plan_answers_202_with_location_and_retry_after()
    {
        var id = await TestSupport.Api.StartIdAsync(Http, TestSupport.Api.WaitingPlan);

        using var response = await Http.GetAsync($"{TestSupport.Api.Instances}/{id}?showInput=false");
        var status = await TestSupport.Api.BodyAsync(response);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new Uri(fixture.Host.Address, $"{TestSupport.Api.Instances}/{id}?showInput=false"), response.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter!.Delta);
        Assert.Equal("Running", (string)status["runtimeStatus"]!);
        Assert.True(status.AsObject().ContainsKey("output"));
        Assert.Null(status["output"]);
        Assert.True((double)status["customStatus"]!["remainingSeconds"]! > 0);
        await TestSupport.Api.PostAsync(Http, $"{TestSupport.Api.Instances}/{id}/terminate");
    }

    [Fact]
    public async Task A_chosen_instance_id_is_used_and_refused_with_409_while_its_run_goes_on()
    {
        var id = "chosen-" + Guid.NewGuid().ToString("N");

        var payload = await TestSupport.Api.StartAsync(Http, TestSupport.Api.WaitingPlan, id);
        using var again = await Http.PostAsync("api/plans/" + id, TestSupport.Api.Json(TestSupport.Api.WaitingPlan));
        var error = await TestSupport.Api.BodyAsync(again);

        Assert.Equal(id, (string)payload["id"]!);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(id, (string)error["error"]!);
        Assert.Empty(error["details"]!.AsArray());

        Assert.Equal(HttpStatusCode.Accepted, await TestSupport.Api.PostAsync(Http, $"{TestSupport.Api.Instances}/{id}/terminate"));
        await TestSupport.Api.StartAsync(Http, TestSupport.Api.QuickPlan, id);
        Assert.Equal("Completed", (string)(await TestSupport.Api.WaitForEndAsync(Http, id))["runtimeStatus"]!);
    }

    [Fact]
    public async Task An_invalid_plan_is_refused_with_400_listing_every_problem_with_its_step()
    {
        using var response = await Http.PostAsync("api/plans", TestSupport.Api.Json("""
            { "name": "bad", "steps": [
                { "id": "first", "tool": "no-such-tool" },
                { "id": "second", "tool": "echo", "dependsOn": ["missing"] },
                { "id": "third", "tool": "echo", "retry": { "maxNumberOfAttempts": 0 } } ] }
            """));
        var error = await TestSupport.Api.BodyAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var details = error["details"]!.AsArray().Select(d => d!.AsObject()).ToList();
        Assert.True(details.Count >= 3, error.ToJsonString());
        Assert.Contains(details, d => (string?)d["stepId"] == "first");
        Assert.Contains(details, d => (string?)d["stepId"] == "second");
        Assert.Contains(details, d => (string?)d["stepId"] == "third" && ((string?)d["property"])!.StartsWith("retry", StringComparison.Ordinal));
        Assert.All(details, d =>
        {
            Assert.StartsWith("$", (string)d["path"]!);
            Assert.False(string.IsNullOrEmpty((string?)d["message"]));
            Assert.True(d.ContainsKey("stepId") && d.ContainsKey("property"));
        });
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_its_line_and_position()
    {
        using var response = await Http.PostAsync("api/plans", TestSupport.Api.Json("{ \"name\": \"x\",\n  \"steps\": [ oops ] }"));
        var error = await TestSupport.Api.BodyAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = error["details"]!.AsArray().Single()!;
        Assert.Equal(2, (int)detail["line"]!);
        Assert.NotNull(detail["position"]);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_whether_or_not_its_length_is_given()
    {
        var big = "{ \"name\": \"" + new string('x', HostFixture.BodyLimit) + "\", \"steps\": [] }";

        using var sized = await Http.PostAsync("api/plans", TestSupport.Api.Json(big));
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/plans") { Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(big))) };
        request.Headers.TransferEncodingChunked = true;
        using var chunked = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sized.StatusCode);
        Assert.Contains("maxRequestBodyBytes", (string)(await TestSupport.Api.BodyAsync(sized))["error"]!);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
    }

    [Fact]
    public async Task An_instance_id_that_storage_cannot_hold_is_refused()
    {
        using var response = await Http.PostAsync("api/plans/bad%23id", TestSupport.Api.Json(TestSupport.Api.QuickPlan));
        var error = await TestSupport.Api.BodyAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("#", (string)error["details"]![0]!["message"]!);
    }
}
