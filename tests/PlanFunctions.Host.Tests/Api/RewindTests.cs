using System.Net;
using PlanFunctions.Host.Tests.TestSupport;
using static PlanFunctions.Host.Tests.TestSupport.Api;

namespace PlanFunctions.Host.Tests.Api;

/// <summary>
/// <c>POST .../instances/{id}/rewind?reason=</c> with Durable Functions' codes: 202 for a Failed run, which runs its
/// failed steps again and keeps what succeeded; 412 for a run that is not Failed; 404 for an unknown one.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class RewindTests(HostFixture fixture)
{
    // 'send' fails its first attempt without a retry, so the run fails; after a rewind its second attempt succeeds.
    private const string FailingOncePlan = """
        { "name": "rewind", "steps": [
            { "id": "fetch", "tool": "echo", "parameters": { "n": 7 } },
            { "id": "send", "tool": "fail", "dependsOn": ["fetch"], "parameters": { "failTimes": 1, "retryable": false },
              "retry": { "maxNumberOfAttempts": 1 } },
            { "id": "report", "tool": "echo", "dependsOn": ["send"], "parameters": { "n": "{{ steps.fetch.output.n }}" } } ] }
        """;

    private HttpClient Http => fixture.Host.Http;

    [Fact]
    public async Task Rewinding_a_Failed_run_answers_202_and_the_run_completes_with_what_succeeded_kept()
    {
        var id = await StartIdAsync(Http, FailingOncePlan);
        var failed = await WaitForEndAsync(Http, id);
        Assert.Equal("Failed", (string)failed["runtimeStatus"]!);
        Assert.Equal("Skipped", (string)failed["output"]!["steps"]!["report"]!["status"]!);

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Http, $"{Instances}/{id}/rewind?reason=fixed%20the%20mail%20server"));

        var completed = await WaitForEndAsync(Http, id);
        Assert.Equal("Completed", (string)completed["runtimeStatus"]!);
        var steps = completed["output"]!["steps"]!;
        Assert.Equal(1, (int)steps["fetch"]!["attempts"]!);
        Assert.Equal(2, (int)steps["send"]!["attempts"]!);
        Assert.Equal(7, (int)steps["report"]!["output"]!["n"]!);
        using var history = await Http.GetAsync($"{Instances}/{id}?showHistory=true");
        var events = (await BodyAsync(history))["historyEvents"]!.AsArray();
        var rewound = Assert.Single(events, e => (string)e!["eventType"]! == "RunRewound");
        Assert.Equal("fixed the mail server", (string)rewound!["reason"]!);
        Assert.Single(events, e => (string)e!["eventType"]! == "StepDispatched" && (string)e["stepId"]! == "fetch");
    }

    [Fact]
    public async Task Rewinding_a_run_that_is_not_Failed_answers_412_naming_its_status()
    {
        var running = await StartIdAsync(Http, WaitingPlan);
        var completed = await StartIdAsync(Http, QuickPlan);
        await WaitForEndAsync(Http, completed);

        using var runningAnswer = await Http.PostAsync($"{Instances}/{running}/rewind?reason=x", null);
        using var completedAnswer = await Http.PostAsync($"{Instances}/{completed}/rewind", null);

        Assert.Equal(HttpStatusCode.PreconditionFailed, runningAnswer.StatusCode);
        Assert.Contains("is Running; only a Failed run can be rewound", (string)(await BodyAsync(runningAnswer))["error"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.PreconditionFailed, completedAnswer.StatusCode);
        Assert.Contains("is Completed", (string)(await BodyAsync(completedAnswer))["error"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(Http, $"{Instances}/{running}/terminate"));
    }
}
