using System.Text.Json;

namespace PlanFunctions.Core.Plans;

/// <summary>
/// Reads a plan document strictly: UTF-8 JSON, camelCase names, unknown properties rejected, wrong types and
/// missing required properties reported, all at once, each with its JSON path and step id; malformed JSON is
/// reported with its line and position.
/// </summary>
/// <remarks>
/// Comments and trailing commas are not JSON and are rejected. An optional property given as <c>null</c> is
/// read as absent. Values with a problem are left out of the plan (required strings become empty), so that
/// the plan can still be validated; the plan is <see langword="null"/> only when the document is not JSON,
/// its root is not an object, or <c>steps</c> is missing or not an array.
/// </remarks>
public static class PlanReader
{
    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Reads a plan from UTF-8 JSON. Shape problems only; see <see cref="PlanValidator"/> for the rules.</summary>
    public static PlanReadResult Read(ReadOnlyMemory<byte> utf8Json, PlanLimits? limits = null)
    {
        limits ??= PlanLimits.Default;
        if (utf8Json.Span.StartsWith(Utf8ByteOrderMark))
        {
            utf8Json = utf8Json[Utf8ByteOrderMark.Length..];
        }

        var options = new JsonDocumentOptions
        {
            MaxDepth = limits.MaxJsonDepth,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        };

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, options);
        }
        catch (JsonException e)
        {
            return new PlanReadResult(null, [SyntaxProblem(e)]);
        }

        using (document)
        {
            var binder = new PlanBinder();
            var plan = binder.BindPlan(document.RootElement);
            return new PlanReadResult(plan, binder.Problems);
        }
    }

    /// <summary>Reads a plan from JSON text.</summary>
    public static PlanReadResult Read(string json, PlanLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(System.Text.Encoding.UTF8.GetBytes(json), limits);
    }

    private static PlanProblem SyntaxProblem(JsonException e)
    {
        // The parser's message ends with its own 0-based "LineNumber: n | BytePositionInLine: m."; the
        // problem carries them as numbers (line 1-based) instead.
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        return new PlanProblem("$", null, null, "not valid JSON: " + message.TrimEnd())
        {
            Line = (e.LineNumber ?? 0) + 1,
            Position = e.BytePositionInLine ?? 0,
        };
    }
}
