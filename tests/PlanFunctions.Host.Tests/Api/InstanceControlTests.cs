using System.Net;
using PlanFunctions.Host.Tests.TestSupport;
using static PlanFunctions.Host.Tests.TestSupport.Api;

namespace PlanFunctions.Host.Tests.Api;

[Collection(HostCollection.Name)]
public sealed class InstanceControlTests(HostFixture fixture)
{
    private HttpClient Http => fixture.Host.Http;

    public static TheoryData<string, string> EveryInstanceEndpoint => new()
    {
        { "GET", "" },
        { "POST", "/raiseEvent/go" },
        { "POST", "/terminate?reason=x" },
        { "POST", "/suspend?reason=x" },
        { "POST", "/resume?reason=x" },
        { "POST", "/rewind?reason=x" },
        { "DELETE", "" },
    };

    public static TheoryData<string> EveryOperationOnARun => new() { "/raiseEvent/go", "/terminate?reason=late", "/suspend", "/resume" };

    [Theory]
    [MemberData(nameof(EveryInstanceEndpoint))]
    public async Task An_unknown_instance_id_answers_404_with_the_error_body(string method, string operation)
    {
        var id = "unknown-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(new HttpMethod(method), $"{Instances}/{id}{operation}");
        if (method == "POST")
        {
            request.Content = Json("{}");
        }

        using var response = await Http.SendAsync(request);
        var error = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(id, (string)error["error"]!);
        Assert.NotNull(error["details"]);
    }

    [Theory]
    [MemberData(nameof(EveryOperationOnARun))]
    public async Task An_ended_run_answers_410(string operation)
    {
        var id = await StartIdAsync(Http, QuickPlan);
        await WaitForEndAsync(Http, id);

        using var response = await Http.PostAsync($"{Instances}/{id}{operation}", Json("{}"));

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("ended", (string)(await BodyAsync(response))["error"]!);
    }

    [Fact]
    public async Task The_cancel_event_ends_the_run_Canceled()
    {
        var id = await StartIdAsync(Http, """
            { "name": "cancel", "steps": [
                { "id": "wait", "tool": "waitForEvent", "parameters": { "eventName": "go" } },
                { "id": "after", "tool": "echo", "dependsOn": ["wait"] } ] }
            """);
        await WaitForStepAsync(Http, id, "wait");

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Http, $"{Instances}/{id}/raiseEvent/cancel", """{ "reason": "no longer needed" }"""));

        var status = await WaitForEndAsync(Http, id);
        Assert.Equal("Canceled", (string)status["runtimeStatus"]!);
        Assert.Equal("Cancelled", (string)status["output"]!["steps"]!["after"]!["status"]!);
    }

    [Fact]
    public async Task ExtendTimeout_moves_the_deadline_and_a_bad_one_is_refused_with_400()
    {
        var id = await StartIdAsync(Http, """{ "name": "x", "timeoutSeconds": 60, "steps": [ { "id": "w", "tool": "waitForEvent", "parameters": { "eventName": "go" } } ] }""");

        using var bad = await Http.PostAsync($"{Instances}/{id}/raiseEvent/extendTimeout", Json("""{ "seconds": -5 }"""));
        var good = await PostAsync(Http, $"{Instances}/{id}/raiseEvent/extendTimeout", """{ "seconds": 3600 }""");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("seconds", (string)(await BodyAsync(bad))["details"]![0]!["property"]!);
        Assert.Equal(HttpStatusCode.Accepted, good);
        using var response = await Http.GetAsync($"{Instances}/{id}");
        Assert.True((double)(await BodyAsync(response))["customStatus"]!["remainingSeconds"]! > 3600);
        await PostAsync(Http, $"{Instances}/{id}/terminate");
    }

    [Fact]
    public async Task An_event_body_that_is_not_json_is_refused_with_400_and_nothing_is_delivered()
    {
        var id = await StartIdAsync(Http, WaitingPlan);

        using var response = await Http.PostAsync($"{Instances}/{id}/raiseEvent/go", Json("{ not json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, (int)(await BodyAsync(response))["details"]![0]!["line"]!);
        using var status = await Http.GetAsync($"{Instances}/{id}");
        Assert.Equal(HttpStatusCode.Accepted, status.StatusCode);
        await PostAsync(Http, $"{Instances}/{id}/terminate");
    }

    [Fact]
    public async Task A_raised_event_reaches_the_waitForEvent_step_with_its_payload()
    {
        var id = await StartIdAsync(Http, """
            { "name": "approval", "steps": [
                { "id": "wait", "tool": "waitForEvent", "parameters": { "eventName": "approved" } },
                { "id": "ship", "tool": "echo", "dependsOn": ["wait"], "parameters": { "by": "{{ steps.wait.output.by }}" } } ] }
            """);
        await WaitForStepAsync(Http, id, "wait");

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Http, $"{Instances}/{id}/raiseEvent/approved", """{ "by": "ana" }"""));

        var status = await WaitForEndAsync(Http, id);
        Assert.Equal("Completed", (string)status["runtimeStatus"]!);
        Assert.Equal("ana", (string)status["output"]!["steps"]!["ship"]!["output"]!["by"]!);
    }

    [Fact]
    public async Task Terminate_ends_the_run_Terminated()
    {
        var id = await StartIdAsync(Http, WaitingPlan);

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Http, $"{Instances}/{id}/terminate?reason=enough"));

        Assert.Equal("Terminated", (string)(await WaitForEndAsync(Http, id))["runtimeStatus"]!);
    }

    [Fact]
    public async Task A_suspended_run_reports_Suspended_with_202_and_goes_on_once_resumed()
    {
        var id = await StartIdAsync(Http, """
            { "name": "pause", "steps": [
                { "id": "wait", "tool": "waitForEvent", "parameters": { "eventName": "go" } },
                { "id": "after", "tool": "echo", "dependsOn": ["wait"] } ] }
            """);
        await WaitForStepAsync(Http, id, "wait");

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Http, $"{Instances}/{id}/suspend?reason=hold"));
        using (var suspended = await Http.GetAsync($"{Instances}/{id}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, suspended.StatusCode);
            Assert.Equal("Suspended", (string)(await BodyAsync(suspended))["runtimeStatus"]!);
        }

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Http, $"{Instances}/{id}/resume?reason=go"));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Http, $"{Instances}/{id}/raiseEvent/go", "{}"));

        Assert.Equal("Completed", (string)(await WaitForEndAsync(Http, id))["runtimeStatus"]!);
    }

    [Fact]
    public async Task Purge_is_refused_with_409_while_the_run_goes_on_then_answers_200_then_404()
    {
        var id = await StartIdAsync(Http, WaitingPlan);

        using var running = await Http.DeleteAsync($"{Instances}/{id}");
        await PostAsync(Http, $"{Instances}/{id}/terminate");
        await WaitForEndAsync(Http, id);
        using var purged = await Http.DeleteAsync($"{Instances}/{id}");
        using var again = await Http.DeleteAsync($"{Instances}/{id}");
        using var status = await Http.GetAsync($"{Instances}/{id}");

        Assert.Equal(HttpStatusCode.Conflict, running.StatusCode);
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(1, (int)(await BodyAsync(purged))["instancesDeleted"]!);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }
}
