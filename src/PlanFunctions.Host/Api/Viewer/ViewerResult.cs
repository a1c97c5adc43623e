using PlanFunctions.Viewer;

namespace PlanFunctions.Host.Api.Viewer;

/// <summary>Writes a <see cref="ViewerResponse"/>: its status code, headers and body.</summary>
internal sealed class ViewerResult(ViewerResponse response) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var http = httpContext.Response;
        http.StatusCode = response.StatusCode;
        http.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers)
        {
            http.Headers[name] = value;
        }

        http.ContentLength = response.Body.Length;
        await http.Body.WriteAsync(response.Body, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
