using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Http;
using PlanFunctions.Client.Api;
using PlanFunctions.Core.Serialization;

namespace PlanFunctions.Functions.Http;

/// <summary>Answers written as the self-hosted service writes them: JSON with <see cref="PlanJson.Options"/>.</summary>
internal static class HttpAnswers
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static async Task<HttpResponseData> JsonAsync<T>(HttpRequestData request, HttpStatusCode status, T value, CancellationToken cancellationToken)
    {
        var response = request.CreateResponse(status);
        response.Headers.Add("Content-Type", JsonContentType);
        await JsonSerializer.SerializeAsync(response.Body, value, PlanJson.Options, cancellationToken);
        return response;
    }

    public static Task<HttpResponseData> ErrorAsync(HttpRequestData request, HttpStatusCode status, ApiError error, CancellationToken cancellationToken) =>
        JsonAsync(request, status, error, cancellationToken);

    /// <summary>The request's <c>Content-Length</c>, when it has a readable one.</summary>
    public static long? ContentLength(HttpRequestData request) =>
        request.Headers.TryGetValues("Content-Length", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            ? length
            : null;
}
