using PlanFunctions.Core.Completion;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanFunctions.Core.Execution.Commands;
using PlanFunctions.Tools.Ai;

namespace PlanFunctions.Tools.AzureOpenAI;

/// <summary>
/// The run assistant on the configured Azure OpenAI deployment: it answers AI conditions, writes the final
/// response of a run and analyses why a failed run failed. A failure throws <see cref="AzureOpenAIException"/>; the
/// engine then asks the condition again later, or falls back to the plain response. Calls are not retried here.
/// </summary>
public sealed class AzureOpenAIRunAssistant : IRunAssistant
{
    private readonly AzureOpenAIChat _chat;

    /// <summary>Creates the assistant on the deployment of <see cref="AzureOpenAIOptions.Deployment"/>.</summary>
    public AzureOpenAIRunAssistant(
        AzureOpenAIClient client,
        IOptions<AzureOpenAIOptions> options,
        TimeProvider timeProvider,
        ILogger<AzureOpenAIRunAssistant> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _chat = new AzureOpenAIChat(client, options.Value, timeProvider, logger);
    }

    /// <inheritdoc />
    public bool IsConfigured => true;

    /// <inheritdoc />
    /// <exception cref="AzureOpenAIException">The call failed, or the answer is neither yes nor no.</exception>
    public async Task<AiConditionAnswer> EvaluateConditionAsync(EvaluateAiCondition request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reply = await _chat.CompleteAsync(
            $"the AI condition of step '{request.StepId}'", RunPrompts.ConditionSystem, RunPrompts.Condition(request), json: true, cancellationToken)
            .ConfigureAwait(false);
        return AiConditionReply.Parse(reply.Text, request.StepId);
    }

    /// <inheritdoc />
    /// <remarks>For a failed run, a second call writes the analysis, which follows the response after a blank line.</remarks>
    /// <exception cref="AzureOpenAIException">A call failed or gave no text.</exception>
    public async Task<string> WriteResponseAsync(RunResponseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reply = await _chat.CompleteAsync(
            $"the response of plan '{request.Plan.Name}'", RunPrompts.ResponseSystem, RunPrompts.Response(request), json: false, cancellationToken)
            .ConfigureAwait(false);
        var response = Required(reply, "response");
        if (!RunFailureAnalysis.IsFailure(request))
        {
            return response;
        }

        var analysis = await AnalyseFailureAsync(request, cancellationToken).ConfigureAwait(false);
        return response + "\n\n" + analysis;
    }

    /// <inheritdoc />
    /// <remarks>A run that did not fail is not sent to the model: the answer is that nothing failed.</remarks>
    /// <exception cref="AzureOpenAIException">The call failed or gave no text.</exception>
    public async Task<string> AnalyseFailureAsync(RunResponseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RunFailureAnalysis.IsFailure(request))
        {
            return RunFailureAnalysis.Describe(request);
        }

        var reply = await _chat.CompleteAsync(
            $"the failure analysis of plan '{request.Plan.Name}'", RunPrompts.AnalysisSystem, RunPrompts.Analysis(request), json: false, cancellationToken)
            .ConfigureAwait(false);
        return Required(reply, "failure analysis");
    }

    private string Required(ChatReply reply, string what) =>
        string.IsNullOrWhiteSpace(reply.Text)
            ? throw new AzureOpenAIException($"Azure OpenAI (deployment '{_chat.Deployment}') wrote an empty {what}", retryable: true)
            : reply.Text.Trim();
}
