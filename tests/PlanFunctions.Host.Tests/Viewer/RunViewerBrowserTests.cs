using System.Net;
using System.Text.Json.Nodes;
using OpenQA.Selenium;
using PlanFunctions.Host.Tests.TestSupport;
using static PlanFunctions.Host.Tests.TestSupport.Api;

namespace PlanFunctions.Host.Tests.Viewer;

/// <summary>The run viewer in a real browser: headless Chromium opens the pages the service serves and uses them as a person would.</summary>
public sealed class RunViewerBrowserTests(ViewerFixture fixture) : IClassFixture<ViewerFixture>
{
    /// <summary>When set, the screenshot of a finished run is written there (docs/images/run-viewer.png is made so).</summary>
    public const string ScreenshotVariable = "PLANFUNCTIONS_VIEWER_SCREENSHOT";

    private const string ApprovalPlan = """
        {
          "name": "Approve and ship",
          "steps": [
            { "id": "prepare", "tool": "echo", "parameters": { "build": 42 } },
            { "id": "approve", "tool": "waitForEvent", "dependsOn": ["prepare"], "parameters": { "eventName": "approval" } },
            { "id": "warm-up", "tool": "delay", "dependsOn": ["prepare"], "parameters": { "milliseconds": 1500 } },
            { "id": "ship", "tool": "echo", "dependsOn": ["approve", "warm-up"], "parameters": { "approvedBy": "{{ steps.approve.output.by }}" } }
          ]
        }
        """;

    private const string LongPlan = """
        {
          "name": "Long wait",
          "steps": [
            { "id": "start", "tool": "echo", "parameters": {} },
            { "id": "sleep", "tool": "delay", "dependsOn": ["start"], "parameters": { "milliseconds": 600000 } },
            { "id": "after", "tool": "echo", "dependsOn": ["sleep"], "parameters": {} }
          ]
        }
        """;

    private const string ReportPlan = """
        {
          "name": "Nightly regional report",
          "goal": "Check every region, combine the figures and publish the report",
          "input": { "regions": ["north", "south", "east", "west"] },
          "steps": [
            { "id": "load-config", "tool": "echo", "parameters": { "regions": "{{ input.regions }}" } },
            { "id": "north", "tool": "delay", "dependsOn": ["load-config"], "parameters": { "milliseconds": 400 } },
            { "id": "south", "tool": "delay", "dependsOn": ["load-config"], "parameters": { "milliseconds": 250 } },
            { "id": "east", "tool": "fail", "dependsOn": ["load-config"],
              "parameters": { "message": "the east region's API answered 503" },
              "retry": { "maxNumberOfAttempts": 3, "firstRetryIntervalSeconds": 0.2 } },
            { "id": "west", "tool": "echo", "dependsOn": ["load-config"], "parameters": { "region": "west", "orders": 42 } },
            { "id": "east-details", "tool": "echo", "dependsOn": ["east"], "parameters": { "orders": "{{ steps.east.output }}" } },
            { "id": "combine", "tool": "echo", "dependsOn": ["north", "south", "west"],
              "parameters": { "northWaitedMs": "{{ steps.north.output.waitedMs }}", "westOrders": "{{ steps.west.output.orders }}" } },
            { "id": "export", "tool": "fail", "dependsOn": ["combine"],
              "parameters": { "message": "storage was busy", "failTimes": 1 },
              "retry": { "maxNumberOfAttempts": 3, "firstRetryIntervalSeconds": 0.2 } },
            { "id": "archive", "tool": "echo", "dependsOn": ["combine"], "parameters": { "to": "archive/2026-11-29" } },
            { "id": "publish", "tool": "echo", "dependsOn": ["export", "archive"], "parameters": { "channel": "#reports" } }
          ]
        }
        """;

    private Browser Browser => fixture.Browser;

    private OpenQA.Selenium.Chrome.ChromeDriver Driver => fixture.Browser.Driver;

    [Fact]
    public async Task A_running_run_is_drawn_live_and_its_waiting_step_gets_the_event_from_the_page()
    {
        var host = fixture.Host;
        var id = await StartIdAsync(host.Http, ApprovalPlan, "approve-" + Guid.NewGuid().ToString("N"));

        Driver.Navigate().GoToUrl(new Uri(host.Address, $"runs/{id}"));

        // Every step is drawn, in layers: dependencies above the steps that depend on them.
        Browser.UntilStep("approve", "Running");
        Assert.Equal("Succeeded", Browser.StepStatus("prepare"));
        Assert.Equal("Pending", Browser.StepStatus("ship"));
        Assert.True(NodeTop("prepare") < NodeTop("approve") && NodeTop("approve") < NodeTop("ship"));
        Assert.Equal(NodeTop("approve"), NodeTop("warm-up"));
        Assert.Equal("Running", Driver.FindElement(By.Id("run-status")).Text);
        Assert.True(Driver.FindElement(By.Id("live")).Displayed);

        // The page follows the run: the delay step ends while the page stays open.
        Browser.UntilStep("warm-up", "Succeeded");
        Assert.Equal("Running", Browser.StepStatus("approve"));

        // Selecting the waiting step offers to raise its event; the payload reaches the step.
        Driver.FindElement(By.CssSelector("#graph g.step[data-step-id='approve']")).Click();
        var payload = Browser.Until(d => d.FindElement(By.Id("step-event-payload")), "the waiting step offered no event");
        Assert.Contains("Raise 'approval'", Driver.FindElement(By.Id("raise-for-step")).Text, StringComparison.Ordinal);
        payload.SendKeys("""{ "by": "dana" }""");
        Driver.FindElement(By.Id("raise-for-step")).Click();

        Browser.UntilStep("ship", "Succeeded");
        Browser.UntilRunStatus("Completed");
        Assert.Equal("Succeeded", Browser.StepStatus("approve"));
        Browser.Until(d => d.FindElement(By.Id("detail-output")).Text.Contains("dana", StringComparison.Ordinal) ? "ok" : null, "the step's output was not shown");

        // Once the run has ended the page stops polling and shows the final response.
        Browser.Until(d => d.FindElement(By.TagName("body")).GetDomAttribute("data-live") == "false" ? "ok" : null, "the page kept polling");
        Assert.False(Driver.FindElement(By.Id("live")).Displayed);
        Assert.True(Driver.FindElement(By.Id("final")).Displayed);
        Assert.Contains("Approve and ship", Driver.FindElement(By.Id("response")).Text, StringComparison.Ordinal);
        Assert.False(Driver.FindElement(By.Id("cancel")).Enabled);
        Assert.Equal("4 of 4 steps ended · 4 succeeded", Driver.FindElement(By.Id("progress-text")).Text);
    }

    [Fact]
    public async Task The_cancel_button_cancels_the_run_and_the_page_shows_it()
    {
        var host = fixture.Host;
        var id = await StartIdAsync(host.Http, LongPlan, "cancel-" + Guid.NewGuid().ToString("N"));
        Driver.Navigate().GoToUrl(new Uri(host.Address, $"runs/{id}"));
        Browser.UntilStep("sleep", "Running");
        Assert.False(Driver.FindElement(By.Id("resume")).Enabled);

        Driver.FindElement(By.Id("cancel")).Click();

        Browser.UntilRunStatus("Canceled");
        Browser.UntilStep("sleep", "Cancelled");
        Assert.Equal("Cancelled", Browser.StepStatus("after"));
        Assert.Contains("Cancellation requested", Driver.FindElement(By.Id("message")).Text, StringComparison.Ordinal);
        var status = await WaitForEndAsync(host.Http, id);
        Assert.Equal("Canceled", (string)status["runtimeStatus"]!);
    }

    [Fact]
    public async Task Rewind_is_offered_for_a_Failed_run_only_and_from_the_page_it_runs_the_failed_step_again_live()
    {
        var host = fixture.Host;
        var id = await StartIdAsync(host.Http, """
            { "name": "Send once more", "steps": [
                { "id": "fetch", "tool": "echo", "parameters": { "n": 1 } },
                { "id": "send", "tool": "fail", "dependsOn": ["fetch"], "parameters": { "failTimes": 1, "retryable": false },
                  "retry": { "maxNumberOfAttempts": 1 } },
                { "id": "report", "tool": "echo", "dependsOn": ["send"] } ] }
            """, "rewind-" + Guid.NewGuid().ToString("N"));
        await WaitForEndAsync(host.Http, id);
        Driver.Navigate().GoToUrl(new Uri(host.Address, $"runs/{id}"));
        Browser.UntilRunStatus("Failed");
        Assert.True(Driver.FindElement(By.Id("rewind")).Enabled);

        Driver.FindElement(By.Id("reason")).SendKeys("fixed");
        Driver.FindElement(By.Id("rewind")).Click();

        Browser.UntilRunStatus("Completed");
        Browser.UntilStep("report", "Succeeded");
        Assert.False(Driver.FindElement(By.Id("rewind")).Enabled);
        var status = await WaitForEndAsync(host.Http, id);
        Assert.Equal(2, (int)status["output"]!["steps"]!["send"]!["attempts"]!);
    }

    [Fact]
    public async Task Suspend_resume_and_terminate_from_the_page_reach_the_run()
    {
        var host = fixture.Host;
        var id = await StartIdAsync(host.Http, LongPlan, "control-" + Guid.NewGuid().ToString("N"));
        Driver.Navigate().GoToUrl(new Uri(host.Address, $"runs/{id}"));
        Browser.UntilStep("sleep", "Running");

        Driver.FindElement(By.Id("suspend")).Click();
        Browser.UntilRunStatus("Suspended");
        Browser.Until(d => d.FindElement(By.Id("resume")).Enabled ? "ok" : null, "resume was not offered");
        Driver.FindElement(By.Id("resume")).Click();
        Browser.UntilRunStatus("Running");

        Driver.FindElement(By.Id("reason")).SendKeys("wrong plan");
        Driver.FindElement(By.Id("terminate")).Click();

        Browser.UntilRunStatus("Terminated");
        var status = await WaitForEndAsync(host.Http, id);
        Assert.Equal("Terminated", (string)status["runtimeStatus"]!);
    }

    [Fact]
    public async Task A_finished_run_shows_every_step_its_failure_and_the_final_response()
    {
        var host = fixture.Host;
        // The host is this class's own and in memory, so the id is free; a fixed one keeps the screenshot the same.
        var id = await StartIdAsync(host.Http, ReportPlan, "nightly-report-2026-11-29");
        await WaitForEndAsync(host.Http, id);

        Driver.Navigate().GoToUrl(new Uri(host.Address, $"runs/{id}"));
        Browser.UntilRunStatus("Failed");
        Browser.UntilStep("publish", "Succeeded");

        Assert.Equal("Failed", Browser.StepStatus("east"));
        Assert.Equal("Skipped", Browser.StepStatus("east-details"));
        Assert.Equal("Succeeded", Browser.StepStatus("export"));
        Assert.Contains("2 attempts", StepText("export"), StringComparison.Ordinal);
        Assert.Contains("3 attempts", StepText("east"), StringComparison.Ordinal);
        Assert.Equal("10 of 10 steps ended · 8 succeeded · 1 failed · 1 skipped", Driver.FindElement(By.Id("progress-text")).Text);
        Assert.True(Driver.FindElement(By.Id("final")).Displayed);
        Assert.Equal("Check every region, combine the figures and publish the report", Driver.FindElement(By.Id("run-goal")).Text[6..]);

        Driver.FindElement(By.CssSelector("#graph g.step[data-step-id='east']")).Click();
        var error = Browser.Until(d => d.FindElement(By.Id("detail-error")), "the failed step's error was not shown");
        Assert.Contains("503", error.Text, StringComparison.Ordinal);
        Assert.Contains("the east region's API answered 503", Driver.FindElement(By.Id("detail-parameters")).Text, StringComparison.Ordinal);
        Assert.Equal(2, Driver.FindElements(By.CssSelector("#graph path.edge.related")).Count);

        if (Environment.GetEnvironmentVariable(ScreenshotVariable) is { Length: > 0 } path)
        {
            // Tall enough for the final response below the graph.
            Driver.Manage().Window.Size = new System.Drawing.Size(1440, 1460);
            Driver.FindElement(By.Id("zoom-fit")).Click();
            Driver.FindElement(By.CssSelector("#graph g.step[data-step-id='east']")).Click();
            ((ITakesScreenshot)Driver).GetScreenshot().SaveAsFile(path);
        }
    }

    [Fact]
    public async Task The_list_shows_recent_runs_filters_them_by_status_and_links_to_each()
    {
        var host = fixture.Host;
        var ended = await StartIdAsync(host.Http, QuickPlan, "list-ended-" + Guid.NewGuid().ToString("N"));
        var waiting = await StartIdAsync(host.Http, WaitingPlan, "list-waiting-" + Guid.NewGuid().ToString("N"));
        await WaitForEndAsync(host.Http, ended);
        await WaitForStepAsync(host.Http, waiting, "wait");

        Driver.Navigate().GoToUrl(new Uri(host.Address, "runs"));
        Assert.Equal("Completed", Row(ended)!.GetDomAttribute("data-status"));
        Assert.Equal("Running", Row(waiting)!.GetDomAttribute("data-status"));
        Assert.Contains("1/1", Row(ended)!.Text, StringComparison.Ordinal);

        Driver.FindElement(By.CssSelector("nav.filters a[data-filter='Running']")).Click();
        Browser.Until(d => d.Url.Contains("status=Running", StringComparison.Ordinal) ? "ok" : null, "the filter did not apply");
        Assert.NotNull(Row(waiting));
        Assert.Null(Row(ended));
        Assert.All(Driver.FindElements(By.CssSelector("table.runs tbody tr")), row => Assert.Equal("Running", row.GetDomAttribute("data-status")));

        Row(waiting)!.FindElement(By.CssSelector("a.run-name")).Click();
        Browser.UntilStep("wait", "Running");
        Assert.Equal(waiting, Driver.FindElement(By.Id("run-id")).Text);
        await PostAsync(host.Http, $"{Instances}/{waiting}/terminate");
    }

    [Fact]
    public async Task With_keys_on_the_page_needs_the_key_and_carries_it_on_every_call()
    {
        var host = fixture.KeyedHost;
        var code = "code=" + Uri.EscapeDataString(ViewerFixture.Key);
        var start = await host.Http.PostAsync($"api/plans?{code}", Json(LongPlan));
        var id = (string)(await BodyAsync(start))["id"]!;

        using (var withoutKey = await host.Http.GetAsync($"runs/{id}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        }

        Driver.Navigate().GoToUrl(new Uri(host.Address, $"runs/{id}?{code}"));
        Browser.UntilStep("sleep", "Running");
        Driver.FindElement(By.Id("cancel")).Click();
        Browser.UntilRunStatus("Canceled");

        // Links on the page keep the key.
        Driver.FindElement(By.CssSelector("nav.site a")).Click();
        Browser.Until(d => d.FindElements(By.CssSelector($"tr[data-instance-id='{id}']")).Count == 1 ? "ok" : null, "the list did not open with the key");
    }

    [Fact]
    public async Task A_plan_of_a_thousand_steps_is_drawn_whole_and_a_step_can_be_found()
    {
        var host = fixture.Host;
        var steps = new JsonArray { new JsonObject { ["id"] = "root", ["tool"] = "echo" } };
        for (var i = 0; i < 998; i++)
        {
            steps.Add(new JsonObject { ["id"] = $"leaf-{i}", ["tool"] = "echo", ["dependsOn"] = new JsonArray("root") });
        }

        steps.Add(new JsonObject { ["id"] = "join", ["tool"] = "echo", ["dependsOn"] = new JsonArray([.. Enumerable.Range(0, 998).Select(i => (JsonNode)$"leaf-{i}")]) });
        var plan = new JsonObject { ["name"] = "wide", ["steps"] = steps }.ToJsonString();
        var id = await StartIdAsync(host.Http, plan, "wide-" + Guid.NewGuid().ToString("N"));
        await Eventually.ReturnsAsync(async () =>
        {
            using var response = await host.Http.GetAsync($"{Instances}/{id}?showInput=false");
            return response.StatusCode == HttpStatusCode.OK ? "ended" : null;
        }, TimeSpan.FromSeconds(120), "the wide run did not end");

        Driver.Navigate().GoToUrl(new Uri(host.Address, $"runs/{id}"));
        Browser.UntilStep("join", "Succeeded");
        Assert.Equal(1000, Driver.FindElements(By.CssSelector("#graph g.step")).Count);
        Assert.True(NodeTop("root") < NodeTop("leaf-500") && NodeTop("leaf-500") < NodeTop("join"));

        var find = Driver.FindElement(By.Id("find-step"));
        find.SendKeys("leaf-777" + Keys.Enter);
        Browser.Until(d => d.FindElement(By.Id("details")).Text.Contains("leaf-777", StringComparison.Ordinal) ? "ok" : null, "finding a step did not select it");
        var node = Driver.FindElement(By.CssSelector("#graph g.step[data-step-id='leaf-777']"));
        var graph = Driver.FindElement(By.Id("graph"));
        Assert.Contains("selected", node.GetDomAttribute("class"), StringComparison.Ordinal);
        Assert.True(Inside(node, graph), "the found step was not brought into view");

        Driver.FindElement(By.Id("zoom-fit")).Click();
        Assert.True(Inside(Driver.FindElement(By.CssSelector("#graph g.step[data-step-id='join']")), graph), "Fit did not show the whole graph");
    }

    private static bool Inside(IWebElement element, IWebElement container)
    {
        var e = element.Location;
        var c = container.Location;
        return e.X >= c.X && e.Y >= c.Y && e.X + element.Size.Width <= c.X + container.Size.Width && e.Y + element.Size.Height <= c.Y + container.Size.Height;
    }

    private int NodeTop(string stepId) => Driver.FindElement(By.CssSelector($"#graph g.step[data-step-id='{stepId}']")).Location.Y;

    private string StepText(string stepId) => Driver.FindElement(By.CssSelector($"#graph g.step[data-step-id='{stepId}'] text.step-state")).Text;

    private IWebElement? Row(string instanceId) =>
        Driver.FindElements(By.CssSelector($"table.runs tr[data-instance-id='{instanceId}']")).SingleOrDefault();
}
