using PlanFunctions.Core.Execution.Commands;

namespace PlanFunctions.Tools.Ai;

/// <summary>
/// What the engine asks of a language model: whether an AI condition holds, and the final response of a run.
/// The default writes plain, deterministic text and answers no AI condition (plans that need one are refused
/// at submit time when no model is configured).
/// </summary>
public interface IRunAssistant
{
    /// <summary>Whether a model is configured; when not, AI conditions and <c>ai.chat</c> are refused at submit time.</summary>
    bool IsConfigured { get; }

    /// <summary>Answers a step's AI condition: yes or no, with an explanation.</summary>
    Task<AiConditionAnswer> EvaluateConditionAsync(EvaluateAiCondition request, CancellationToken cancellationToken);

    /// <summary>Writes the final response of an ended run for the plan's goal.</summary>
    Task<string> WriteResponseAsync(RunResponseRequest request, CancellationToken cancellationToken);
}
