using System.Text.Json;
using Azure.AI.OpenAI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Core.Tools;
using PlanFunctions.Tools.Abstractions;
using PlanFunctions.Tools.Parameters;

namespace PlanFunctions.Tools.AzureOpenAI;

/// <summary>
/// The <c>ai.chat</c> tool: sends <c>prompt</c> (with the optional <c>system</c> message) to the configured Azure
/// OpenAI deployment and returns <c>{ "text": "..." }</c>, or, when <c>json</c> is true, the reply parsed as JSON.
/// </summary>
/// <remarks>
/// HTTP 408, 429 and 5xx, network faults and <see cref="AzureOpenAIOptions.Timeout"/> are retryable failures; other
/// 4xx, a refusal and a reply that is not JSON when <c>json</c> is true are not. The service is called once per
/// attempt: retries are the step's retry policy.
/// </remarks>
public sealed class AiChatTool : IPlanTool
{
    private const string PromptName = "prompt";
    private const string SystemName = "system";
    private const string JsonName = "json";
    private const string JsonInstruction = "Reply with one JSON object and nothing else.";

    private readonly AzureOpenAIChat _chat;

    /// <summary>Creates the tool on the deployment of <see cref="AzureOpenAIOptions.Deployment"/>.</summary>
    public AiChatTool(AzureOpenAIClient client, IOptions<AzureOpenAIOptions> options, TimeProvider timeProvider, ILogger<AiChatTool> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _chat = new AzureOpenAIChat(client, options.Value, timeProvider, logger);
    }

    /// <inheritdoc />
    public string Name => BuiltInToolNames.AiChat;

    /// <inheritdoc />
    public IEnumerable<(string Property, string Message)> CheckParameters(JsonElement parameters)
    {
        var reader = new ParameterReader(parameters, acceptTemplates: true);
        Read(reader);
        return reader.Problems;
    }

    /// <inheritdoc />
    public async Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var reader = new ParameterReader(invocation.Parameters, acceptTemplates: false);
        var (prompt, system, json) = Read(reader);
        if (reader.HasProblems || prompt is null)
        {
            return ToolResult.Failure(reader.Summary(Name), retryable: false);
        }

        if (json)
        {
            // The service refuses a JSON reply format unless the messages ask for JSON.
            system = system is null ? JsonInstruction : system + "\n\n" + JsonInstruction;
        }

        ChatReply reply;
        try
        {
            reply = await _chat.CompleteAsync($"the {Name} step '{invocation.StepId}'", system, prompt, json, cancellationToken).ConfigureAwait(false);
        }
        catch (AzureOpenAIException exception)
        {
            return ToolResult.Failure(exception.Message, exception.Retryable);
        }

        if (!json)
        {
            return ToolResult.Success(JsonSerializer.SerializeToElement(new ChatText(reply.Text), PlanJson.Options));
        }

        try
        {
            using var document = JsonDocument.Parse(ModelText.Unfence(reply.Text));
            return ToolResult.Success(document.RootElement);
        }
        catch (JsonException exception)
        {
            var cutOff = reply.CutOff
                ? $" (the reply stopped at the output token limit, {AzureOpenAIOptions.SectionName}:{nameof(AzureOpenAIOptions.MaxOutputTokens)})"
                : string.Empty;
            return ToolResult.Failure(
                $"the reply of Azure OpenAI is not JSON, though the step sets json: true{cutOff}: {exception.Message}; "
                + $"the reply was '{ModelText.Shorten(reply.Text.Trim(), 200)}'",
                retryable: false);
        }
    }

    private static (string? Prompt, string? System, bool Json) Read(ParameterReader reader)
    {
        reader.RejectUnknown(PromptName, SystemName, JsonName);
        var prompt = reader.Text(PromptName, required: true, nonEmpty: true);
        var system = reader.Text(SystemName, required: false, nonEmpty: false);
        var json = reader.Boolean(JsonName) ?? false;
        return (prompt, string.IsNullOrWhiteSpace(system) ? null : system, json);
    }

    /// <summary>The output in text mode.</summary>
    private sealed record ChatText(string Text);
}
