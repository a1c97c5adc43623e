using System.Net;
using PlanFunctions.Host.Tests.TestSupport;
using static PlanFunctions.Host.Tests.TestSupport.Api;

namespace PlanFunctions.Host.Tests.Viewer;

/// <summary>The viewer's routes as HTTP answers: codes, types and headers, without a browser.</summary>
[Collection(HostCollection.Name)]
public sealed class RunViewerHttpTests(HostFixture fixture)
{
    private HttpClient Http => fixture.Host.Http;

    [Fact]
    public async Task The_page_of_an_unknown_run_is_404_and_says_so()
    {
        using var response = await Http.GetAsync("runs/no-such-run");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("No run has the instance id &#39;no-such-run&#39;", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_graph_of_an_unknown_run_is_404()
    {
        using var response = await Http.GetAsync("runs/no-such-run/graph");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no-such-run", (string)(await BodyAsync(response))["error"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_page_is_html_that_loads_nothing_from_elsewhere()
    {
        var id = await StartIdAsync(Http, QuickPlan);

        using var response = await Http.GetAsync($"runs/{id}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.DoesNotContain("http://", html.Replace(fixture.Host.Address.GetLeftPart(UriPartial.Authority), string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_graph_of_a_run_has_its_steps_in_layers_with_their_statuses()
    {
        var id = await StartIdAsync(Http, """
            { "name": "layers", "steps": [
              { "id": "a", "tool": "echo", "parameters": { "n": 1 } },
              { "id": "b", "tool": "echo", "dependsOn": ["a"], "parameters": { "n": "{{ steps.a.output.n }}" } },
              { "id": "c", "tool": "fail", "dependsOn": ["a", "b"], "parameters": { "message": "no" }, "retry": { "maxNumberOfAttempts": 1 } } ] }
            """);
        await WaitForEndAsync(Http, id);

        using var response = await Http.GetAsync($"runs/{id}/graph");
        var graph = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var steps = graph["steps"]!.AsArray();
        Assert.Equal([0, 1, 2], steps.Select(s => (int)s!["layer"]!));
        Assert.Equal(["Succeeded", "Succeeded", "Failed"], steps.Select(s => (string)s!["status"]!));
        Assert.Equal(1, (int)steps[1]!["output"]!["n"]!);
        Assert.Contains("no", (string)steps[2]!["error"]!, StringComparison.Ordinal);
        Assert.Equal("Failed", (string)graph["runtimeStatus"]!);
        Assert.NotNull(graph["response"]);
    }

    [Fact]
    public async Task A_running_run_has_its_steps_as_the_engine_knows_them()
    {
        var id = await StartIdAsync(Http, WaitingPlan);
        await WaitForStepAsync(Http, id, "wait");

        var graph = await BodyAsync(await Http.GetAsync($"runs/{id}/graph"));

        Assert.Equal("Running", (string)graph["steps"]![0]!["status"]!);
        Assert.Equal(1, (int)graph["steps"]![0]!["attempts"]!);
        Assert.NotNull(graph["deadline"]);
        Assert.Null(graph["response"]);
        await PostAsync(Http, $"{Instances}/{id}/terminate");
    }

    [Fact]
    public async Task Names_from_plans_are_written_as_text_never_as_markup()
    {
        var id = await StartIdAsync(Http, """
            { "name": "<img src=x onerror=alert(1)>", "steps": [ { "id": "a", "tool": "echo" } ] }
            """);
        await WaitForEndAsync(Http, id);

        var list = await Http.GetStringAsync("runs");
        var page = await Http.GetStringAsync($"runs/{id}");

        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", list, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", list, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_status_filter_is_400_naming_the_statuses()
    {
        using var response = await Http.GetAsync("runs?status=Sleeping");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Running", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("viewer.css", "text/css")]
    [InlineData("run.js", "text/javascript")]
    public async Task The_stylesheet_and_script_are_served_by_the_service(string name, string type)
    {
        using var response = await Http.GetAsync($"viewer/{name}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000);
    }

    [Fact]
    public async Task An_unknown_asset_is_404()
    {
        using var response = await Http.GetAsync("viewer/nothing.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
