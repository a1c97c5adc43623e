using System.ClientModel;
using System.Globalization;
using System.Text.Json;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;

namespace PlanFunctions.Tools.AzureOpenAI;

/// <summary>
/// One chat completion against the configured deployment, with the timeout of <see cref="AzureOpenAIOptions.Timeout"/>,
/// and every failure turned into an <see cref="AzureOpenAIException"/> that says whether a retry may help.
/// </summary>
internal sealed class AzureOpenAIChat
{
    private const int MaxServiceMessageCharacters = 500;

    private readonly ChatClient _chat;
    private readonly AzureOpenAIOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AzureOpenAIChat(AzureOpenAIClient client, AzureOpenAIOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _logger = logger;
        Deployment = options.Deployment ?? throw new ArgumentException("No deployment is configured (AzureOpenAI:Deployment).", nameof(options));
        _chat = client.GetChatClient(Deployment);
    }

    public string Deployment { get; }

    /// <summary>Sends the messages and returns the reply's text.</summary>
    /// <param name="purpose">What the call is for, in logs and messages (such as "the ai.chat step 'summarise'").</param>
    /// <param name="system">The system message, if any.</param>
    /// <param name="user">The user message.</param>
    /// <param name="json">Whether to ask for a JSON object (the messages must mention JSON).</param>
    /// <param name="cancellationToken">Cancels the call; then <see cref="OperationCanceledException"/> propagates.</param>
    /// <exception cref="AzureOpenAIException">The service failed, timed out, or gave no text.</exception>
    public async Task<ChatReply> CompleteAsync(string purpose, string? system, string user, bool json, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = system is null
            ? [ChatMessage.CreateUserMessage(user)]
            : [ChatMessage.CreateSystemMessage(system), ChatMessage.CreateUserMessage(user)];
        var completionOptions = new ChatCompletionOptions();
        if (_options.MaxOutputTokens is { } maxTokens)
        {
            completionOptions.MaxOutputTokenCount = maxTokens;
        }

        if (json)
        {
            completionOptions.ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat();
        }

        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        AzureOpenAILog.Asking(_logger, Deployment, purpose);
        var started = _time.GetTimestamp();
        ChatCompletion completion;
        try
        {
            completion = (await _chat.CompleteChatAsync(messages, completionOptions, linked.Token).ConfigureAwait(false)).Value;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            // Our timeout, or the pipeline's network timeout (set to the same value).
            throw Fail($"{Describe(purpose)} timed out after {_options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} seconds "
                + $"({AzureOpenAIOptions.SectionName}:{nameof(AzureOpenAIOptions.Timeout)})", retryable: true, status: null);
        }
        catch (ClientResultException exception) when (exception.Status == 0)
        {
            throw Fail($"{Describe(purpose)} failed: the service could not be reached: {Causes(exception)}", retryable: true, status: null);
        }
        catch (ClientResultException exception)
        {
            var status = exception.Status;
            var retryable = status is 408 or 429 or >= 500;
            var reason = exception.GetRawResponse()?.ReasonPhrase is { Length: > 0 } phrase ? $" ({phrase})" : string.Empty;
            var serviceMessage = ServiceMessage(exception) is { } text ? $": {text}" : string.Empty;
            throw Fail($"{Describe(purpose)} failed: HTTP {status.ToString(CultureInfo.InvariantCulture)}{reason}{serviceMessage}", retryable, status);
        }
        catch (AuthenticationFailedException exception)
        {
            // No key configured and DefaultAzureCredential found no identity, or the token service failed.
            throw Fail($"{Describe(purpose)} failed: no Microsoft Entra token could be had (set {AzureOpenAIOptions.SectionName}:"
                + $"{nameof(AzureOpenAIOptions.ApiKey)}, or give the host an identity): {exception.Message}", retryable: true, status: null);
        }
        catch (Exception exception) when (exception is System.Net.Http.HttpRequestException or IOException)
        {
            throw Fail($"{Describe(purpose)} failed: {Causes(exception)}", retryable: true, status: null);
        }

        var finishReason = completion.FinishReason.ToString();
        AzureOpenAILog.Answered(
            _logger, Deployment, purpose, (long)_time.GetElapsedTime(started).TotalMilliseconds,
            completion.Usage?.InputTokenCount ?? 0, completion.Usage?.OutputTokenCount ?? 0, finishReason);

        var reply = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        if (reply.Length == 0 && completion.Refusal is { Length: > 0 } refusal)
        {
            throw Fail($"{Describe(purpose)}: the model refused: {ModelText.Shorten(refusal, MaxServiceMessageCharacters)}", retryable: false, status: null);
        }

        if (reply.Length == 0 && completion.FinishReason == ChatFinishReason.ContentFilter)
        {
            throw Fail($"{Describe(purpose)}: the reply was withheld by the content filter", retryable: false, status: null);
        }

        return new ChatReply(reply, completion.FinishReason == ChatFinishReason.Length);
    }

    /// <remarks>
    /// The SDK's exception is not kept as the inner exception: its message quotes the service's whole answer, which
    /// is not ours to vouch for, and this one already says what it said.
    /// </remarks>
    private AzureOpenAIException Fail(string message, bool retryable, int? status)
    {
        var redacted = Redact(message);
        AzureOpenAILog.Failed(_logger, redacted, retryable ? "retryable" : "not retryable");
        return new AzureOpenAIException(redacted, retryable, status);
    }

    private string Describe(string purpose) => $"Azure OpenAI (deployment '{Deployment}') for {purpose}";

    /// <summary>The service's own explanation, <c>error.message</c> of its JSON body, shortened.</summary>
    private static string? ServiceMessage(ClientResultException exception)
    {
        try
        {
            var content = exception.GetRawResponse()?.Content;
            if (content is null || content.ToMemory().IsEmpty)
            {
                return null;
            }

            using var document = JsonDocument.Parse(content.ToMemory());
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String)
            {
                return ModelText.Shorten(message.GetString()!, MaxServiceMessageCharacters);
            }
        }
        catch (JsonException)
        {
            // Not the service's JSON error: nothing more to say than the status.
        }
        catch (InvalidOperationException)
        {
            // The content was not buffered.
        }

        return null;
    }

    private static string Causes(Exception exception)
    {
        var parts = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (!parts.Contains(current.Message, StringComparer.Ordinal))
            {
                parts.Add(current.Message);
            }
        }

        return string.Join(": ", parts);
    }

    /// <summary>Removes the key, should any text quote it.</summary>
    private string Redact(string text) =>
        _options.HasApiKey && _options.ApiKey!.Length >= 4 ? text.Replace(_options.ApiKey, "***", StringComparison.Ordinal) : text;
}
