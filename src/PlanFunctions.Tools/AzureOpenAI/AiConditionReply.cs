using System.Text.Json;
using PlanFunctions.Tools.Ai;

namespace PlanFunctions.Tools.AzureOpenAI;

/// <summary>
/// Reads a model's answer to an AI condition: the JSON object <c>{"answer": "yes"|"no", "explanation": "..."}</c>
/// (a boolean answer too), or plain text that starts with yes or no.
/// </summary>
internal static class AiConditionReply
{
    private const int MaxQuotedCharacters = 200;

    /// <exception cref="AzureOpenAIException">The reply is neither; not retryable as such, but the engine asks again later.</exception>
    public static AiConditionAnswer Parse(string reply, string stepId)
    {
        var text = ModelText.Unfence(reply);
        if (text.StartsWith('{'))
        {
            if (TryParseJson(text, out var answer))
            {
                return answer;
            }
        }
        else if (TryParseText(text, out var answer))
        {
            return answer;
        }

        throw new AzureOpenAIException(
            $"Azure OpenAI's answer to the AI condition of step '{stepId}' is neither yes nor no "
            + $"(expected {{\"answer\": \"yes\" or \"no\", \"explanation\": \"...\"}}): '{ModelText.Shorten(reply.Trim(), MaxQuotedCharacters)}'",
            retryable: true);
    }

    private static bool TryParseJson(string text, out AiConditionAnswer answer)
    {
        answer = null!;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            bool? holds = null;
            string? explanation = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.Equals("answer", StringComparison.OrdinalIgnoreCase))
                {
                    holds = property.Value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        JsonValueKind.String => Word(property.Value.GetString()!),
                        _ => null,
                    };
                }
                else if (property.Name.Equals("explanation", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
                {
                    explanation = property.Value.GetString();
                }
            }

            if (holds is null)
            {
                return false;
            }

            answer = new AiConditionAnswer(holds.Value, string.IsNullOrWhiteSpace(explanation) ? null : explanation.Trim());
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>"Yes." or "No, because ..." : the first word decides, the rest explains.</summary>
    private static bool TryParseText(string text, out AiConditionAnswer answer)
    {
        answer = null!;
        var end = 0;
        while (end < text.Length && char.IsAsciiLetter(text[end]))
        {
            end++;
        }

        if (Word(text[..end]) is not { } holds)
        {
            return false;
        }

        var rest = text[end..].TrimStart(' ', '.', ',', ':', ';', '!', '-', '—', '\n', '\r', '\t').Trim();
        answer = new AiConditionAnswer(holds, rest.Length == 0 ? null : rest);
        return true;
    }

    private static bool? Word(string word) => word.Trim().TrimEnd('.', '!').ToUpperInvariant() switch
    {
        "YES" or "TRUE" => true,
        "NO" or "FALSE" => false,
        _ => null,
    };
}
