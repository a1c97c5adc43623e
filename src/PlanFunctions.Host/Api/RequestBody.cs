namespace PlanFunctions.Host.Api;

/// <summary>Reads a request body up to a limit, whether or not the client said its length.</summary>
internal static class RequestBody
{
    /// <summary>The body, or <see langword="null"/> when it is larger than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        try
        {
            return await LimitedBody.ReadAsync(request.Body, request.ContentLength, limit, cancellationToken);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    /// <summary>The 413 answer.</summary>
    public static IResult TooLarge(long limit) =>
        ApiResults.Json(ApiError.BodyTooLarge(limit), StatusCodes.Status413PayloadTooLarge);
}
