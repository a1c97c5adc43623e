using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PlanFunctions.Host.Tests.TestSupport;
using static PlanFunctions.Host.Tests.TestSupport.Api;

namespace PlanFunctions.Host.Tests.Security;

/// <summary>A service with a key, whose every log message is kept.</summary>
public sealed class KeyedHostFixture : IAsyncLifetime
{
    /// <summary>A key with characters that must be escaped in a URL.</summary>
    public const string Key = "k3y+with/odd=chars-0123456789";

    public CapturingLoggerProvider Logs { get; } = new();

    public RunningHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await RunningHost.StartAsync(
        [$"PlanFunctions:ApiKey={Key}", "Logging:LogLevel:Microsoft.AspNetCore=Trace", "Logging:LogLevel:PlanFunctions=Trace"],
        builder => builder.Logging.AddProvider(Logs));

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class ApiKeyTests(KeyedHostFixture fixture) : IClassFixture<KeyedHostFixture>
{
    private static readonly string Code = "code=" + Uri.EscapeDataString(KeyedHostFixture.Key);

    private HttpClient Http => fixture.Host.Http;

    public static TheoryData<string, string> Calls => new()
    {
        { "POST", "api/plans" },
        { "GET", $"{Instances}/any" },
        { "POST", $"{Instances}/any/raiseEvent/go" },
        { "POST", $"{Instances}/any/terminate" },
        { "POST", $"{Instances}/any/rewind" },
        { "DELETE", $"{Instances}/any" },
        { "GET", Instances },
        { "GET", "api/statistics" },
        { "POST", "runtime/webhooks/durabletask/orchestrators/RunPlan" },
        { "POST", "runtime/webhooks/durabletask/orchestrators/RunPlan/any" },
        { "GET", "runtime/webhooks/durabletask/entities/PlanMonitor/any" },
        { "GET", "runtime/webhooks/durabletask/entities/PlanMonitor" },
        { "POST", "runtime/webhooks/durabletask/entities/ExecutionStatistics/global?op=reset" },
        { "GET", "openapi/v1.json" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_call_without_the_key_is_refused_with_401(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Json(QuickPlan) : null };

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("x-functions-key", (string)(await BodyAsync(response))["error"]!);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_nothing_is_started()
    {
        var id = "wrong-key-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/plans/{id}") { Content = Json(QuickPlan) };
        request.Headers.Add("x-functions-key", KeyedHostFixture.Key + "x");

        using var response = await Http.SendAsync(request);
        using var status = await Http.GetAsync($"{Instances}/{id}?{Code}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }

    [Fact]
    public async Task The_key_in_the_header_is_accepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/plans") { Content = Json(QuickPlan) };
        request.Headers.Add("x-functions-key", KeyedHostFixture.Key);

        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task The_key_as_the_code_parameter_is_accepted_and_the_handed_out_urls_carry_it_and_work()
    {
        using var response = await Http.PostAsync($"api/plans?{Code}", Json(WaitingPlan));
        var payload = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        foreach (var url in new[] { "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "suspendPostUri", "resumePostUri" })
        {
            Assert.Contains(Code, (string)payload[url]!);
        }

        Assert.Contains(Code, response.Headers.Location!.ToString());
        using var plain = new HttpClient();
        using var status = await plain.GetAsync((string)payload["statusQueryGetUri"]!);
        Assert.Equal(HttpStatusCode.Accepted, status.StatusCode);
        Assert.Contains(Code, status.Headers.Location!.ToString());
        using var suspend = await plain.PostAsync(((string)payload["suspendPostUri"]!).Replace("{text}", "hold", StringComparison.Ordinal), null);
        Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        using var resume = await plain.PostAsync(((string)payload["resumePostUri"]!).Replace("{text}", "go", StringComparison.Ordinal), null);
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        using var go = await plain.PostAsync(((string)payload["sendEventPostUri"]!).Replace("{eventName}", "go", StringComparison.Ordinal), Json("{}"));
        Assert.Equal(HttpStatusCode.Accepted, go.StatusCode);
        await Eventually.ReturnsAsync(async () =>
        {
            using var ended = await plain.GetAsync((string)payload["statusQueryGetUri"]!);
            return ended.StatusCode == HttpStatusCode.OK ? ended.StatusCode.ToString() : null;
        }, Soon, "the run did not end");
        using var purge = await plain.DeleteAsync((string)payload["purgeHistoryDeleteUri"]!);
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
    }

    [Fact]
    public async Task Health_answers_without_the_key()
    {
        using var response = await Http.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_key_never_appears_in_the_logs()
    {
        using var withCode = await Http.GetAsync($"{Instances}/logged?{Code}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Instances}/logged");
        request.Headers.Add("x-functions-key", KeyedHostFixture.Key);
        using var withHeader = await Http.SendAsync(request);
        using var wrong = await Http.GetAsync($"{Instances}/logged?code=not-{Uri.EscapeDataString(KeyedHostFixture.Key)}");

        Assert.Equal(HttpStatusCode.NotFound, withCode.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withHeader.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.NotEmpty(fixture.Logs.Messages);
        Assert.DoesNotContain(fixture.Logs.Messages, m => m.Contains(KeyedHostFixture.Key, StringComparison.Ordinal) || m.Contains(Uri.EscapeDataString(KeyedHostFixture.Key), StringComparison.Ordinal));
    }
}
