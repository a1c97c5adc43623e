using System.Text;
using System.Text.Json;

namespace PlanFunctions.Core.Results;

/// <summary>
/// Turns a tool's result into a step's output: text that parses as JSON is kept as JSON, other text as a
/// JSON string; an output larger than the limit is refused with its size in the message.
/// </summary>
public static class StepOutputParser
{
    /// <summary>Parses a tool's text result.</summary>
    public static StepOutputParseResult FromText(string? text, int maxBytes)
    {
        if (text is null)
        {
            return FromJson(JsonNullElement, maxBytes);
        }

        var byteCount = Encoding.UTF8.GetByteCount(text);
        if (byteCount > maxBytes)
        {
            return TooLarge(byteCount, maxBytes);
        }

        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length > 0 && LooksLikeJson(trimmed[0]))
        {
            try
            {
                using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
                return new StepOutputParseResult(document.RootElement.Clone(), null);
            }
            catch (JsonException)
            {
                // Not JSON after all: kept as text, below.
            }
        }

        return FromJson(JsonSerializer.SerializeToElement(text), maxBytes);
    }

    /// <summary>Checks a tool's JSON result against the size limit.</summary>
    public static StepOutputParseResult FromJson(JsonElement output, int maxBytes)
    {
        if (output.ValueKind == JsonValueKind.Undefined)
        {
            return new StepOutputParseResult(default, "the step's output is not a JSON value");
        }

        if (DepthOf(output) > MaxDepth)
        {
            return new StepOutputParseResult(default, $"the step's output nests objects and arrays deeper than the depth limit of {MaxDepth} levels");
        }

        var size = SizeInBytes(output);
        return size > maxBytes ? TooLarge(size, maxBytes) : new StepOutputParseResult(output, null);
    }

    /// <summary>
    /// The deepest nesting of objects and arrays a step's output may have: it travels inside events, grain calls and
    /// status documents, each of which adds a few levels below System.Text.Json's limits.
    /// </summary>
    public const int MaxDepth = 48;

    private static int DepthOf(JsonElement root)
    {
        var deepest = 0;
        var pending = new Stack<(JsonElement Element, int Depth)>();
        pending.Push((root, 0));
        while (pending.TryPop(out var item))
        {
            if (item.Element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                continue;
            }

            var depth = item.Depth + 1;
            deepest = Math.Max(deepest, depth);
            if (depth > MaxDepth)
            {
                return depth;
            }

            if (item.Element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in item.Element.EnumerateObject())
                {
                    pending.Push((property.Value, depth));
                }
            }
            else
            {
                foreach (var child in item.Element.EnumerateArray())
                {
                    pending.Push((child, depth));
                }
            }
        }

        return deepest;
    }

    /// <summary>The size of a JSON value written as compact UTF-8.</summary>
    public static long SizeInBytes(JsonElement value) =>
        value.ValueKind == JsonValueKind.Undefined ? 0 : Encoding.UTF8.GetByteCount(value.GetRawText());

    private static JsonElement JsonNullElement { get; } = JsonDocument.Parse("null").RootElement.Clone();

    private static bool LooksLikeJson(char first) =>
        first is '{' or '[' or '"' or '-' or (>= '0' and <= '9') || first is 't' or 'f' or 'n';

    private static StepOutputParseResult TooLarge(long size, int maxBytes) =>
        new(default, $"the step's output is {size:N0} bytes, larger than the limit of {maxBytes:N0} bytes");
}
