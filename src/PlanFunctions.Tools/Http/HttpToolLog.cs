using Microsoft.Extensions.Logging;
using PlanFunctions.Core.Diagnostics;

namespace PlanFunctions.Tools.Http;

/// <summary>
/// The <c>http</c> tool's log messages. URLs are logged without their query string and header values never,
/// since either may carry a secret.
/// </summary>
internal static partial class HttpToolLog
{
    [LoggerMessage(EventId = LogEventIds.Tools.HttpSending, Level = LogLevel.Debug,
        Message = "HTTP {Method} {Url}: run {InstanceId}, step {StepId}, attempt {Attempt}")]
    public static partial void Sending(ILogger logger, string method, string url, string instanceId, string stepId, int attempt);

    [LoggerMessage(EventId = LogEventIds.Tools.HttpAnswered, Level = LogLevel.Information,
        Message = "HTTP {Method} {Url} answered {Status} in {ElapsedMilliseconds} ms: run {InstanceId}, step {StepId}, attempt {Attempt}")]
    public static partial void Answered(
        ILogger logger, string method, string url, int status, long elapsedMilliseconds, string instanceId, string stepId, int attempt);

    [LoggerMessage(EventId = LogEventIds.Tools.HttpFailed, Level = LogLevel.Warning,
        Message = "HTTP {Method} {Url} failed: {Reason}; run {InstanceId}, step {StepId}, attempt {Attempt}")]
    public static partial void Failed(
        ILogger logger, string method, string url, string reason, string instanceId, string stepId, int attempt);
}
