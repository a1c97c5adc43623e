using PlanFunctions.Tools.Tests.TestSupport;

namespace PlanFunctions.Tools.Tests.Http;

public sealed class HttpToolParameterTests : IDisposable
{
    private readonly HttpToolHost _host = new();

    [Fact]
    public void A_plain_GET_needs_only_a_url()
    {
        Assert.Empty(_host.Tool.CheckParameters(Json.Parse("""{ "url": "https://example.test/orders" }""")));
    }

    [Fact]
    public void Every_bad_parameter_is_reported_at_once_naming_the_property()
    {
        var problems = _host.Tool.CheckParameters(Json.Parse(
            """
            { "method": "GET /x", "url": "ftp://example.test/file", "headers": { "Bad Name": "v", "X-Obj": {} },
              "timeoutSeconds": 0, "timeout": 5 }
            """)).ToList();

        Assert.Equal(
            ["timeout", "method", "url", "headers.Bad Name", "headers.X-Obj", "timeoutSeconds"],
            problems.Select(p => p.Property));
    }

    [Fact]
    public void A_missing_url_is_required()
    {
        var problem = Assert.Single(_host.Tool.CheckParameters(Json.Parse("""{ "method": "POST" }""")));

        Assert.Equal(("url", "is required"), problem);
    }

    [Fact]
    public void A_relative_url_is_rejected()
    {
        var problem = Assert.Single(_host.Tool.CheckParameters(Json.Parse("""{ "url": "/orders" }""")));

        Assert.Equal("url", problem.Property);
        Assert.Contains("absolute http or https URL", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_are_accepted_whatever_type_is_expected()
    {
        Assert.Empty(_host.Tool.CheckParameters(Json.Parse(
            """
            { "method": "{{ input.method }}", "url": "{{ input.baseUrl }}/orders", "headers": "{{ input.headers }}",
              "body": "{{ steps.build.output }}", "timeoutSeconds": "{{ input.timeout }}" }
            """)));
        Assert.Empty(_host.Tool.CheckParameters(Json.Parse(
            """{ "url": "https://example.test", "headers": { "Authorization": "Bearer {{ input.token }}" } }""")));
    }

    [Fact]
    public void A_header_value_with_a_line_break_is_rejected_without_showing_the_value()
    {
        var problem = Assert.Single(_host.Tool.CheckParameters(Json.Parse(
            """{ "url": "https://example.test", "headers": { "X-Api-Key": "abc-secret\r\nX-Evil: 1" } }""")));

        Assert.Equal("headers.X-Api-Key", problem.Property);
        Assert.DoesNotContain("abc-secret", problem.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _host.Dispose();
}
