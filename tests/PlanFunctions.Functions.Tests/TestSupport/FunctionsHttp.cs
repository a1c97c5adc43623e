using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Moq;

namespace PlanFunctions.Functions.Tests.TestSupport;

/// <summary>
/// HTTP requests and responses as the isolated worker hands them to a function, over Moq: the worker's own types are
/// abstract and only the Functions host makes real ones.
/// </summary>
internal static class FunctionsHttp
{
    public static readonly Uri BaseAddress = new("http://localhost:7071/");

    /// <summary>
    /// A request to <paramref name="path"/> with <paramref name="body"/>; <c>Content-Length</c> is set unless told not
    /// to. Its function context's services are the worker's (<paramref name="services"/>), as the worker makes them.
    /// </summary>
    public static HttpRequestData Request(IServiceProvider services, string method, string path, string? body = null, bool sayLength = true)
    {
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var context = new Mock<FunctionContext>();
        context.SetupProperty(c => c.InstanceServices, services);
        var headers = new HttpHeadersCollection();
        if (sayLength)
        {
            headers.Add("Content-Length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var request = new Mock<HttpRequestData>(context.Object);
        request.Setup(r => r.Method).Returns(method);
        request.Setup(r => r.Url).Returns(new Uri(BaseAddress, path));
        request.Setup(r => r.Query).Returns(() => System.Web.HttpUtility.ParseQueryString(new Uri(BaseAddress, path).Query));
        request.Setup(r => r.Headers).Returns(headers);
        request.Setup(r => r.Body).Returns(new MemoryStream(bytes, writable: false));
        request.Setup(r => r.Cookies).Returns([]);
        request.Setup(r => r.Identities).Returns(Array.Empty<ClaimsIdentity>());
        request.Setup(r => r.CreateResponse()).Returns(() => Response(context.Object));
        return request.Object;
    }

    /// <summary>The response's body as JSON.</summary>
    public static JsonNode Body(HttpResponseData response)
    {
        response.Body.Position = 0;
        return JsonNode.Parse(response.Body)!;
    }

    /// <summary>The single value of a response header.</summary>
    public static string Header(HttpResponseData response, string name) =>
        Assert.Single(response.Headers.GetValues(name));

    private static HttpResponseData Response(FunctionContext context)
    {
        var response = new Mock<HttpResponseData>(context);
        response.SetupProperty(r => r.StatusCode, HttpStatusCode.OK);
        response.SetupProperty(r => r.Headers, new HttpHeadersCollection());
        response.SetupProperty(r => r.Body, new MemoryStream());
        response.Setup(r => r.Cookies).Returns(Mock.Of<HttpCookies>());
        return response.Object;
    }
}
