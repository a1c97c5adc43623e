using PlanFunctions.Core.Completion;
using PlanFunctions.Core.Execution.Commands;

namespace PlanFunctions.Tools.Ai;

/// <summary>
/// The assistant when no model is configured: the engine's plain response (with the deterministic failure
/// analysis when the run failed), and no to every AI condition.
/// </summary>
public sealed class PlainRunAssistant : IRunAssistant
{
    /// <inheritdoc />
    public bool IsConfigured => false;

    /// <inheritdoc />
    public Task<AiConditionAnswer> EvaluateConditionAsync(EvaluateAiCondition request, CancellationToken cancellationToken) =>
        Task.FromResult(new AiConditionAnswer(false, "no Azure OpenAI endpoint is configured, so the AI condition cannot hold"));

    /// <inheritdoc />
    public Task<string> WriteResponseAsync(RunResponseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(RunCompletion.FallbackResponse(request));
    }

    /// <inheritdoc />
    public Task<string> AnalyseFailureAsync(RunResponseRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(RunFailureAnalysis.Describe(request));
}
