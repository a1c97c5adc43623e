using System.Net;
using Microsoft.Extensions.Options;
using PlanFunctions.Tools.Abstractions;
using PlanFunctions.Tools.Http;
using PlanFunctions.Tools.Tests.TestSupport;

namespace PlanFunctions.Tools.Tests.Http;

public sealed class HttpToolNetworkRulesTests
{
    private const string Secret = "s3cr3t-bearer-token-value";

    [Fact]
    public async Task A_redirect_to_the_cloud_metadata_address_is_refused_without_retry()
    {
        await using var server = LoopbackHttpServer.Start((context, _) =>
            RedirectAsync(context, 302, "http://169.254.169.254/latest/meta-data/iam/security-credentials/"));
        using var host = new HttpToolHost();

        var result = await RunAsync(host, $$"""{ "url": "{{server.BaseAddress}}start", "headers": { "Authorization": "Bearer {{Secret}}" } }""");

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Contains("redirected to http://169.254.169.254/latest/meta-data/iam/security-credentials/", result.Message, StringComparison.Ordinal);
        Assert.Contains("169.254.0.0/16", result.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        AssertNoSecret(host, result);
    }

    [Fact]
    public async Task A_redirect_within_the_rules_is_followed()
    {
        await using var server = LoopbackHttpServer.Start((context, _) => context.Request.Url!.AbsolutePath == "/start"
            ? RedirectAsync(context, 303, "/end?page=2")
            : LoopbackHttpServer.RespondAsync(context, 200, "application/json", """{ "done": true }"""));
        using var host = new HttpToolHost();

        var result = await RunAsync(host, $$"""{ "method": "POST", "url": "{{server.BaseAddress}}start", "body": { "a": 1 } }""");

        Assert.True(result.Succeeded, result.Message);
        Assert.True(result.Output.GetProperty("body").GetProperty("done").GetBoolean());
        Assert.Equal([("POST", "/start"), ("GET", "/end?page=2")], server.Requests.Select(r => (r.Method, r.PathAndQuery)));
    }

    [Fact]
    public async Task A_redirect_to_another_origin_does_not_carry_the_credentials_on()
    {
        await using var other = LoopbackHttpServer.Start((context, _) => LoopbackHttpServer.RespondAsync(context, 200, "text/plain", "there"));
        await using var first = LoopbackHttpServer.Start((context, _) => RedirectAsync(context, 307, $"{other.BaseAddress}moved"));
        using var host = new HttpToolHost();

        var result = await RunAsync(host, $$"""
            { "url": "{{first.BaseAddress}}", "headers": { "Authorization": "Bearer {{Secret}}", "X-Api-Key": "{{Secret}}", "Accept": "text/plain" } }
            """);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(Secret, Assert.Single(first.Requests).Headers["X-Api-Key"]);
        var moved = Assert.Single(other.Requests);
        Assert.Equal("text/plain", moved.Headers["Accept"]);
        Assert.False(moved.Headers.ContainsKey("Authorization"));
        Assert.False(moved.Headers.ContainsKey("X-Api-Key"));
    }

    [Fact]
    public async Task More_redirects_than_the_limit_fail_without_retry()
    {
        await using var server = LoopbackHttpServer.Start((context, _) => RedirectAsync(context, 302, "/again"));
        using var host = new HttpToolHost(configure: options => options.MaxRedirects = 3);

        var result = await RunAsync(host, $$"""{ "url": "{{server.BaseAddress}}" }""");

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Contains("more than 3 redirects (PlanFunctions:Tools:Http:MaxRedirects)", result.Message, StringComparison.Ordinal);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task A_host_name_that_resolves_to_the_metadata_address_is_refused_at_connect_time()
    {
        using var host = new HttpToolHost(resolver: new MappedHostResolver(("rebound.test", "169.254.169.254")));

        var result = await RunAsync(host, $$"""{ "url": "http://rebound.test/latest/", "headers": { "X-Api-Key": "{{Secret}}" } }""");

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Contains("host 'rebound.test', which resolves to 169.254.169.254, is in 169.254.0.0/16", result.Message, StringComparison.Ordinal);
        AssertNoSecret(host, result);
    }

    [Fact]
    public async Task A_host_name_that_resolves_into_a_denied_network_is_refused()
    {
        await using var server = LoopbackHttpServer.Start((context, _) => LoopbackHttpServer.RespondAsync(context, 200, "text/plain", "inside"));
        using var host = new HttpToolHost(
            configure: options => options.DeniedNetworks.Add("127.0.0.0/8"),
            resolver: new MappedHostResolver(("internal.test", "127.0.0.1")));

        var result = await RunAsync(host, $$"""{ "url": "http://internal.test:{{server.BaseAddress.Port}}/" }""");

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Contains(
            "host 'internal.test', which resolves to 127.0.0.1, is in 127.0.0.0/8 of the deny-list (PlanFunctions:Tools:Http:DeniedNetworks)",
            result.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Names_resolved_by_the_system_are_checked_too()
    {
        await using var server = LoopbackHttpServer.Start((context, _) => LoopbackHttpServer.RespondAsync(context, 200, "text/plain", "inside"));
        using var host = new HttpToolHost(configure: options =>
        {
            options.DeniedNetworks.Add("127.0.0.0/8");
            options.DeniedNetworks.Add("::1/128");
        });

        var result = await RunAsync(host, $$"""{ "url": "http://localhost:{{server.BaseAddress.Port}}/" }""");

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Contains("host 'localhost', which resolves to", result.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Loopback_is_allowed_unless_denied()
    {
        await using var server = LoopbackHttpServer.Start((context, _) => LoopbackHttpServer.RespondAsync(context, 200, "text/plain", "ok"));
        using var open = new HttpToolHost();
        using var closed = new HttpToolHost(configure: options => options.DeniedNetworks.Add("127.0.0.2/32"));

        var allowed = await RunAsync(open, $$"""{ "url": "{{server.BaseAddress}}" }""");
        var denied = await RunAsync(closed, $$"""{ "url": "http://127.0.0.2:{{server.BaseAddress.Port}}/" }""");

        Assert.True(allowed.Succeeded, allowed.Message);
        Assert.False(denied.Succeeded);
        Assert.Contains("127.0.0.2 is in 127.0.0.2/32 of the deny-list", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_allow_list_lets_only_listed_hosts_through()
    {
        await using var server = LoopbackHttpServer.Start((context, _) => LoopbackHttpServer.RespondAsync(context, 200, "text/plain", "ok"));
        using var host = new HttpToolHost(
            configure: options => options.AllowedHosts.Add("*.allowed.test"),
            resolver: new MappedHostResolver(("api.allowed.test", "127.0.0.1"), ("other.test", "127.0.0.1")));
        var port = server.BaseAddress.Port;

        // The loopback server answers only to its own address, so the Host header names it.
        var listed = await RunAsync(host, $$"""{ "url": "http://api.allowed.test:{{port}}/", "headers": { "Host": "127.0.0.1:{{port}}" } }""");
        var unlisted = await RunAsync(host, $$"""{ "url": "http://other.test:{{port}}/" }""");
        var address = await RunAsync(host, $$"""{ "url": "{{server.BaseAddress}}" }""");

        Assert.True(listed.Succeeded, listed.Message);
        Assert.All([unlisted, address], result =>
        {
            Assert.False(result.Succeeded);
            Assert.False(result.Retryable);
            Assert.Contains("is not on the allow-list (PlanFunctions:Tools:Http:AllowedHosts, PlanFunctions:Tools:Http:AllowedNetworks)", result.Message, StringComparison.Ordinal);
        });
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_allowed_network_admits_the_hosts_that_resolve_into_it()
    {
        await using var server = LoopbackHttpServer.Start((context, _) => LoopbackHttpServer.RespondAsync(context, 200, "text/plain", "ok"));
        using var host = new HttpToolHost(
            configure: options => options.AllowedNetworks.Add("127.0.0.0/8"),
            resolver: new MappedHostResolver(("inside.test", "127.0.0.1"), ("outside.test", "10.1.2.3")));
        var port = server.BaseAddress.Port;

        var inside = await RunAsync(host, $$"""{ "url": "http://inside.test:{{port}}/", "headers": { "Host": "127.0.0.1:{{port}}" } }""");
        var outside = await RunAsync(host, $$"""{ "url": "http://outside.test:{{port}}/" }""");

        Assert.True(inside.Succeeded, inside.Message);
        Assert.False(outside.Succeeded);
        Assert.Contains("outside.test (10.1.2.3) is not on the allow-list", outside.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_deny_list_wins_over_the_allow_list()
    {
        await using var server = LoopbackHttpServer.Start((context, _) => LoopbackHttpServer.RespondAsync(context, 200, "text/plain", "ok"));
        var resolver = new MappedHostResolver(("api.test", "127.0.0.1"));
        using var byNetwork = new HttpToolHost(
            configure: options =>
            {
                options.AllowedHosts.Add("api.test");
                options.DeniedNetworks.Add("127.0.0.0/8");
            },
            resolver: resolver);
        using var byName = new HttpToolHost(
            configure: options =>
            {
                options.AllowedNetworks.Add("127.0.0.0/8");
                options.DeniedHosts.Add("API.test");
            },
            resolver: resolver);
        var url = $$"""{ "url": "http://api.test:{{server.BaseAddress.Port}}/" }""";

        var deniedByNetwork = await RunAsync(byNetwork, url);
        var deniedByName = await RunAsync(byName, url);

        Assert.Contains("is in 127.0.0.0/8 of the deny-list", deniedByNetwork.Message, StringComparison.Ordinal);
        Assert.Contains("host 'api.test' matches 'api.test' of the deny-list (PlanFunctions:Tools:Http:DeniedHosts)", deniedByName.Message, StringComparison.Ordinal);
        Assert.All([deniedByNetwork, deniedByName], result => Assert.False(result.Retryable));
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("169.254.169.254", "169.254.0.0/16")]
    [InlineData("[fd00:ec2::254]", "fd00:ec2::254/128")]
    [InlineData("100.100.100.200", "100.100.100.200/32")]
    [InlineData("[fe80::1]", "fe80::/10")]
    [InlineData("[::ffff:169.254.169.254]", "169.254.0.0/16")]
    [InlineData("0.0.0.0", "0.0.0.0/8")]
    [InlineData("[::]", "::/128")]
    public async Task Link_local_metadata_and_unspecified_addresses_are_refused_even_when_allow_listed(string address, string network)
    {
        using var host = new HttpToolHost(configure: options =>
        {
            options.AllowedHosts.Add(address);
            options.AllowedNetworks.Add("0.0.0.0/0");
            options.AllowedNetworks.Add("::/0");
        });

        var result = await RunAsync(host, $$"""{ "url": "http://{{address}}/latest/", "headers": { "Authorization": "Bearer {{Secret}}" } }""");

        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Contains($"is in {network}", result.Message, StringComparison.Ordinal);
        Assert.Contains("which are always denied", result.Message, StringComparison.Ordinal);
        AssertNoSecret(host, result);
    }

    /// <summary>Every cloud metadata and platform address, in each form a plan could write it: (URL host, the network named in the refusal).</summary>
    public static TheoryData<string, string> CloudAddressForms()
    {
        var data = new TheoryData<string, string>();
        (string Address, string Network, long? Decimal)[] addresses =
        [
            ("168.63.129.16", "168.63.129.16/32", 2822734096),
            ("100.100.100.200", "100.100.100.200/32", 1684301000),
            ("192.0.0.192", "192.0.0.192/32", 3221225664),
            ("169.254.169.254", "169.254.0.0/16", 2852039166),
            ("169.254.170.2", "169.254.0.0/16", 2852039170),
            ("169.254.0.23", "169.254.0.0/16", 2851995671),
            ("fd00:ec2::254", "fd00:ec2::254/128", null),
            ("fd20:ce::254", "fd20:ce::254/128", null),
        ];
        foreach (var (address, network, number) in addresses)
        {
            var ip = IPAddress.Parse(address);
            data.Add(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address, network);
            if (number is { } value)
            {
                data.Add(value.ToString(System.Globalization.CultureInfo.InvariantCulture), network);
                data.Add($"[{ip.MapToIPv6()}]", network);
            }
        }

        return data;
    }

    /// <summary>The cloud addresses a name can resolve to: (address, the network named in the refusal).</summary>
    public static TheoryData<string, string> CloudAddresses() => new()
    {
        { "168.63.129.16", "168.63.129.16/32" },
        { "100.100.100.200", "100.100.100.200/32" },
        { "192.0.0.192", "192.0.0.192/32" },
        { "169.254.0.23", "169.254.0.0/16" },
        { "fd00:ec2::254", "fd00:ec2::254/128" },
        { "fd20:ce::254", "fd20:ce::254/128" },
        { "::ffff:168.63.129.16", "168.63.129.16/32" },
    };

    [Theory]
    [MemberData(nameof(CloudAddressForms))]
    public async Task Cloud_metadata_and_platform_addresses_are_refused_in_every_form_even_when_allow_listed(string urlHost, string network)
    {
        using var host = AllowEverything(urlHost);

        var result = await RunAsync(host, $$"""{ "url": "http://{{urlHost}}/metadata/", "headers": { "Authorization": "Bearer {{Secret}}" } }""");

        AssertAlwaysDenied(host, result, network);
    }

    [Theory]
    [MemberData(nameof(CloudAddresses))]
    public async Task A_name_that_resolves_to_a_cloud_address_is_refused_even_when_allow_listed(string address, string network)
    {
        using var host = AllowEverything("metadata.cloud.test", new MappedHostResolver(("metadata.cloud.test", address)));

        var result = await RunAsync(host, $$"""{ "url": "http://metadata.cloud.test/metadata/", "headers": { "Authorization": "Bearer {{Secret}}" } }""");

        AssertAlwaysDenied(host, result, network);
        Assert.Contains("host 'metadata.cloud.test', which resolves to", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CloudAddresses))]
    public async Task A_redirect_to_a_cloud_address_is_not_followed_even_when_allow_listed(string address, string network)
    {
        var target = IPAddress.Parse(address).AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address;
        await using var server = LoopbackHttpServer.Start((context, _) => RedirectAsync(context, 307, $"http://{target}/metadata/"));
        using var host = AllowEverything(target);

        var result = await RunAsync(host, $$"""{ "url": "{{server.BaseAddress}}start", "headers": { "Authorization": "Bearer {{Secret}}" } }""");

        AssertAlwaysDenied(host, result, network);
        Assert.Contains("which is not followed", result.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void Rules_that_cannot_be_read_stop_the_host_naming_the_setting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new HttpToolHost(configure: options =>
        {
            options.DeniedNetworks.Add("10.0.0.0/33");
            options.AllowedHosts.Add("not a host");
        }));

        Assert.Contains("PlanFunctions:Tools:Http:DeniedNetworks:0 must be a network in CIDR notation", error.Message, StringComparison.Ordinal);
        Assert.Contains("PlanFunctions:Tools:Http:AllowedHosts:0 must be a host name", error.Message, StringComparison.Ordinal);
    }

    private static HttpToolHost AllowEverything(string host, IHttpHostResolver? resolver = null) =>
        new(
            configure: options =>
            {
                options.AllowedHosts.Add(host);
                options.AllowedNetworks.Add("0.0.0.0/0");
                options.AllowedNetworks.Add("::/0");
            },
            resolver: resolver);

    private static void AssertAlwaysDenied(HttpToolHost host, ToolResult result, string network)
    {
        Assert.False(result.Succeeded);
        Assert.False(result.Retryable);
        Assert.Contains($"is in {network}", result.Message, StringComparison.Ordinal);
        Assert.Contains("which are always denied", result.Message, StringComparison.Ordinal);
        AssertNoSecret(host, result);
    }

    private static Task<ToolResult> RunAsync(HttpToolHost host, string parameters) =>
        host.Tool.ExecuteAsync(Json.Invocation(parameters), CancellationToken.None);

    private static Task RedirectAsync(HttpListenerContext context, int status, string location)
    {
        context.Response.StatusCode = status;
        context.Response.RedirectLocation = location;
        context.Response.ContentLength64 = 0;
        context.Response.Close();
        return Task.CompletedTask;
    }

    private static void AssertNoSecret(HttpToolHost host, ToolResult result)
    {
        Assert.DoesNotContain(Secret, result.Message, StringComparison.Ordinal);
        Assert.NotEmpty(host.Logs.Lines);
        Assert.All(host.Logs.Lines, line => Assert.DoesNotContain(Secret, line, StringComparison.Ordinal));
    }
}
