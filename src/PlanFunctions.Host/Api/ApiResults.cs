using PlanFunctions.Core.Serialization;

namespace PlanFunctions.Host.Api;

/// <summary>Answers written with <see cref="PlanJson.Options"/>.</summary>
internal static class ApiResults
{
    public static IResult Json<T>(T value, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, PlanJson.Options, contentType: "application/json; charset=utf-8", statusCode: statusCode);

    public static IResult Error(int statusCode, string message, IReadOnlyList<ApiErrorDetail>? details = null) =>
        Json(new ApiError(message, details ?? []), statusCode);

    public static IResult Detail(int statusCode, string message, string path, string? property, string detail) =>
        Error(statusCode, message, [new ApiErrorDetail { Path = path, Property = property, Message = detail }]);
}
