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
            return new PlanReadResult(null, [NestsTooDeep(utf8Json.Span, limits.MaxJsonDepth) ? DepthProblem(e, limits.MaxJsonDepth) : SyntaxProblem(e)]);
        }

        using (document)
        {
            if (UnreadableStrings(utf8Json.Span) is { Count: > 0 } unreadable)
            {
                return new PlanReadResult(null, unreadable);
            }

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

    /// <summary>
    /// Strings and property names that cannot be read as text: an escaped surrogate without its pair (<c>"\ud800"</c>)
    /// or bytes that are not UTF-8. The parser lets both through; reading them later would throw.
    /// </summary>
    private static List<PlanProblem> UnreadableStrings(ReadOnlySpan<byte> utf8Json)
    {
        var problems = new List<PlanProblem>();
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = int.MaxValue });
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
            {
                continue;
            }

            try
            {
                reader.GetString();
            }
            catch (InvalidOperationException)
            {
                var start = (int)reader.TokenStartIndex;
                var lineStart = utf8Json[..start].LastIndexOf((byte)'\n') + 1;
                var what = reader.TokenType == JsonTokenType.PropertyName ? "a property name" : "a string";
                problems.Add(new PlanProblem("$", null, null, $"{what} is not valid Unicode text: it holds a surrogate escape without its pair (such as \\ud800) or bytes that are not UTF-8")
                {
                    Line = utf8Json[..start].Count((byte)'\n') + 1,
                    Position = start - lineStart,
                });
            }
        }

        return problems;
    }

    /// <summary>Whether the document opens an object or array deeper than the limit before any syntax error.</summary>
    private static bool NestsTooDeep(ReadOnlySpan<byte> utf8Json, int maxDepth)
    {
        // The reader keeps its nesting in a bit stack, not on the call stack, so any depth is safe to walk.
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = int.MaxValue });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // A syntax error before the nesting got too deep.
        }

        return false;
    }

    private static PlanProblem DepthProblem(JsonException e, int maxDepth) =>
        new("$", null, null, $"objects and arrays nest deeper than the limit of {maxDepth} levels (PlanLimits.{nameof(PlanLimits.MaxJsonDepth)}); nesting depth counts every object and array, the plan itself included")
        {
            Line = (e.LineNumber ?? 0) + 1,
            Position = e.BytePositionInLine ?? 0,
        };

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
