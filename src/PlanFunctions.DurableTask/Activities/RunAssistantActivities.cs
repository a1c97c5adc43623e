using Microsoft.Extensions.Logging;
using PlanFunctions.Core.Diagnostics;
using PlanFunctions.Core.Completion;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Tools.Ai;

namespace PlanFunctions.DurableTask.Activities;

/// <summary>
/// The bodies of the <c>EvaluateAiCondition</c> and <c>WriteRunResponse</c> activities: the run's AI questions go
/// through activities, so that a replay never asks twice.
/// </summary>
public sealed partial class RunAssistantActivities(IRunAssistant assistant, ILogger<RunAssistantActivities> logger)
{
    private static readonly PlainRunAssistant Plain = new();

    /// <summary>Answers a step's AI condition; throws when no answer could be had (the activity's retry asks again).</summary>
    public Task<AiConditionAnswer> EvaluateConditionAsync(EvaluateAiCondition request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return assistant.EvaluateConditionAsync(request, cancellationToken);
    }

    /// <summary>Writes a run's final response; falls back to the plain response when the model cannot be had.</summary>
    public async Task<string> WriteResponseAsync(RunResponseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await assistant.WriteResponseAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogResponseFailed(logger, exception, request.Plan.Name);
            return await Plain.WriteResponseAsync(request, cancellationToken);
        }
    }

    [LoggerMessage(EventId = LogEventIds.DurableTask.RunResponseFailed, Level = LogLevel.Warning, Message = "The final response of a run of plan {PlanName} could not be written by the model; the plain response is used")]
    private static partial void LogResponseFailed(ILogger logger, Exception exception, string planName);
}
