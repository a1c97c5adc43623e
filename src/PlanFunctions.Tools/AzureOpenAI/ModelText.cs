using System.Globalization;

namespace PlanFunctions.Tools.AzureOpenAI;

/// <summary>Small text helpers for what is sent to and read from a model.</summary>
internal static class ModelText
{
    /// <summary>The text inside a Markdown code fence (<c>```json ... ```</c>) that wraps the whole reply, else the reply trimmed.</summary>
    public static string Unfence(string reply)
    {
        var text = reply.Trim();
        if (!text.StartsWith("```", StringComparison.Ordinal) || !text.EndsWith("```", StringComparison.Ordinal) || text.Length < 6)
        {
            return text;
        }

        var body = text[3..^3];
        var firstLineEnd = body.IndexOf('\n', StringComparison.Ordinal);
        // The first line names the language (json), or is empty.
        return (firstLineEnd >= 0 && !body[..firstLineEnd].Contains('{', StringComparison.Ordinal) ? body[(firstLineEnd + 1)..] : body).Trim();
    }

    /// <summary>At most <paramref name="maxCharacters"/> of the text, saying how long it was when cut.</summary>
    public static string Shorten(string text, int maxCharacters) =>
        text.Length <= maxCharacters
            ? text
            : string.Create(CultureInfo.InvariantCulture, $"{text[..maxCharacters]}… (cut; {text.Length:N0} characters in all)");
}
