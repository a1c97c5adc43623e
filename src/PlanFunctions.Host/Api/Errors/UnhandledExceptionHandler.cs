using Microsoft.AspNetCore.Diagnostics;
using PlanFunctions.Core.Diagnostics;

namespace PlanFunctions.Host.Api.Errors;

/// <summary>
/// The last resort: an exception no endpoint handled is logged (path only: a query may carry the key) and
/// answered with a plain message, never a stack trace.
/// </summary>
internal sealed partial class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            var message = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The request body is larger than the limit (extensions:http:maxRequestBodyBytes)."
                : "The request could not be read.";
            await ApiResults.Error(bad.StatusCode, message).ExecuteAsync(httpContext);
            return true;
        }

        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }

        LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        await ApiResults.Error(StatusCodes.Status500InternalServerError, "The service could not handle the request; the failure has been logged.")
            .ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(EventId = LogEventIds.Host.UnhandledFailure, Level = LogLevel.Error, Message = "Unhandled failure in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);
}
