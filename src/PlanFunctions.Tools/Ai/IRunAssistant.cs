using PlanFunctions.Core.Completion;
using PlanFunctions.Core.Execution.Commands;

namespace PlanFunctions.Tools.Ai;

/// <summary>
/// What the engine asks of a language model: whether an AI condition holds, the final response of a run, and why
/// a failed run failed. The default writes plain, deterministic text and answers no AI condition (plans that need
/// one are refused at submit time when no model is configured).
/// </summary>
public interface IRunAssistant
{
    /// <summary>Whether a model is configured; when not, AI conditions and <c>ai.chat</c> are refused at submit time.</summary>
    bool IsConfigured { get; }

    /// <summary>Answers a step's AI condition: yes or no, with an explanation.</summary>
    /// <exception cref="Exception">No answer could be had; the engine asks again later.</exception>
    Task<AiConditionAnswer> EvaluateConditionAsync(EvaluateAiCondition request, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the final response of an ended run for the plan's goal; for a failed run (see
    /// <see cref="RunFailureAnalysis.IsFailure"/>) it includes the analysis of <see cref="AnalyseFailureAsync"/>.
    /// </summary>
    /// <exception cref="Exception">No response could be written; the engine falls back to the plain response.</exception>
    Task<string> WriteResponseAsync(RunResponseRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Explains why a failed run failed: which steps failed and with what error, and which steps did not run
    /// because of them. The default is the deterministic <see cref="RunFailureAnalysis.Describe"/>.
    /// </summary>
    Task<string> AnalyseFailureAsync(RunResponseRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(RunFailureAnalysis.Describe(request));
}
