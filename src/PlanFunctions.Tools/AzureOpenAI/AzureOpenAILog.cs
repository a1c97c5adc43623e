using Microsoft.Extensions.Logging;
using PlanFunctions.Core.Diagnostics;

namespace PlanFunctions.Tools.AzureOpenAI;

/// <summary>Log messages of the Azure OpenAI calls. Neither the key nor the prompts are logged.</summary>
internal static partial class AzureOpenAILog
{
    [LoggerMessage(EventId = LogEventIds.Tools.AzureOpenAIAsking, Level = LogLevel.Debug, Message = "Azure OpenAI: asking deployment {Deployment} for {Purpose}")]
    public static partial void Asking(ILogger logger, string deployment, string purpose);

    [LoggerMessage(EventId = LogEventIds.Tools.AzureOpenAIAnswered, Level = LogLevel.Information,
        Message = "Azure OpenAI: deployment {Deployment} answered {Purpose} in {ElapsedMilliseconds} ms ({InputTokens} input and {OutputTokens} output tokens, finish reason {FinishReason})")]
    public static partial void Answered(
        ILogger logger, string deployment, string purpose, long elapsedMilliseconds, int inputTokens, int outputTokens, string finishReason);

    /// <remarks>The reason names the deployment and what the call was for.</remarks>
    [LoggerMessage(EventId = LogEventIds.Tools.AzureOpenAIFailed, Level = LogLevel.Warning, Message = "{Reason} ({Retryable})")]
    public static partial void Failed(ILogger logger, string reason, string retryable);
}
