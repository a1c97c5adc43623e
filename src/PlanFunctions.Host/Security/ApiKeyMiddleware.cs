using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PlanFunctions.Host.Api;
using PlanFunctions.Core.Diagnostics;

namespace PlanFunctions.Host.Security;

/// <summary>
/// Asks for the key as Azure Functions does: the <c>code</c> query parameter or the <c>x-functions-key</c> header,
/// compared in constant time. Without it: 401 and nothing done.
/// </summary>
internal sealed partial class ApiKeyMiddleware(RequestDelegate next, IOptionsMonitor<ApiKeyOptions> options, ILogger<ApiKeyMiddleware> logger)
{
    /// <summary>The query parameter that carries the key.</summary>
    public const string QueryParameter = "code";

    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "x-functions-key";

    public Task InvokeAsync(HttpContext context)
    {
        var configured = options.CurrentValue;
        if (!configured.IsEnabled || context.GetEndpoint()?.Metadata.GetMetadata<AllowWithoutKeyAttribute>() is not null)
        {
            return next(context);
        }

        string? presented = context.Request.Headers[HeaderName];
        if (string.IsNullOrEmpty(presented))
        {
            presented = context.Request.Query[QueryParameter];
        }

        if (Matches(presented, configured.ApiKey!))
        {
            return next(context);
        }

        LogRejected(logger, context.Request.Method, context.Request.Path, string.IsNullOrEmpty(presented) ? "missing" : "wrong");
        return ApiResults.Error(
            StatusCodes.Status401Unauthorized,
            $"A key is required: pass it as the '{QueryParameter}' query parameter or the '{HeaderName}' header.").ExecuteAsync(context);
    }

    private static bool Matches(string? presented, string expected)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        // Hashing first gives both sides the same length, so the comparison's time tells nothing about the key.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var wanted = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(given, wanted);
    }

    [LoggerMessage(EventId = LogEventIds.Host.ApiKeyRejected, Level = LogLevel.Warning, Message = "Refused {Method} {Path}: the key was {Problem}")]
    private static partial void LogRejected(ILogger logger, string method, PathString path, string problem);
}
