using System.Buffers;
using System.Text;
using System.Text.Json;
using PlanFunctions.Core.Expressions;
using PlanFunctions.Core.Paths;

namespace PlanFunctions.Core.Templates;

/// <summary>
/// Finds and fills in the <c>{{ path }}</c> templates in a step's parameters. A string that is exactly one
/// template takes the JSON type of the value it names; otherwise values are written into the string.
/// </summary>
/// <remarks>
/// Templates live in string values (object property values and array items, at any depth), never in property names.
/// A template runs from <c>{{</c> to the first <c>}}</c>; whitespace inside the braces is ignored. Values written into
/// text are inserted as they are: they are not searched for templates again.
/// </remarks>
public static class ParameterTemplates
{
    /// <summary>How deeply the parameters may nest objects and arrays before scanning and rendering refuse them.</summary>
    public const int MaxDepth = 1000;

    /// <summary>Finds every template in every string of the parameters (object property values and array items, at any depth).</summary>
    /// <param name="parameters">The step's parameters.</param>
    /// <param name="maxTemplateLength">The longest string that may hold templates; a longer one is a problem and is not scanned.</param>
    public static TemplateScan Scan(JsonElement parameters, int maxTemplateLength = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTemplateLength);
        var references = new List<TemplateReference>();
        var problems = new List<TemplateSyntaxProblem>();
        if (parameters.ValueKind != JsonValueKind.Undefined)
        {
            ScanValue(parameters, new JsonLocation(), 0, maxTemplateLength, references, problems);
        }

        return new TemplateScan(references, problems);
    }

    /// <summary>Fills in every template. A path that does not resolve fails, naming the path.</summary>
    /// <param name="parameters">The step's parameters.</param>
    /// <param name="values">Where the paths' values come from.</param>
    /// <param name="maxExpansionChars">The most characters all templates of the parameters may insert together.</param>
    public static TemplateRenderResult Render(JsonElement parameters, IPathValueSource values, int maxExpansionChars = 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(maxExpansionChars);
        if (parameters.ValueKind == JsonValueKind.Undefined)
        {
            return new TemplateRenderResult(parameters, null);
        }

        if (!HoldsTemplates(parameters, 0))
        {
            return new TemplateRenderResult(parameters.Clone(), null);
        }

        var buffer = new ArrayBufferWriter<byte>();
        var renderer = new Renderer(values, maxExpansionChars);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { MaxDepth = MaxDepth + 1 }))
        {
            try
            {
                if (renderer.Write(writer, parameters, 0) is { } error)
                {
                    return new TemplateRenderResult(default, error);
                }
            }
            catch (InvalidOperationException)
            {
                // Only a property name whose escapes spell an unpaired surrogate gets here: it cannot be written again.
                return new TemplateRenderResult(default, $"a property name at {renderer.Location} cannot be read as text");
            }
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = int.MaxValue });
        return new TemplateRenderResult(document.RootElement.Clone(), null);
    }

    private static void ScanValue(
        JsonElement value, JsonLocation location, int depth, int maxTemplateLength,
        List<TemplateReference> references, List<TemplateSyntaxProblem> problems)
    {
        if (depth > MaxDepth && value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            problems.Add(new TemplateSyntaxProblem(location.ToString(), 0, $"the parameters nest deeper than {MaxDepth} levels"));
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    location.PushName(NameOf(property));
                    ScanValue(property.Value, location, depth + 1, maxTemplateLength, references, problems);
                    location.Pop();
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    location.PushIndex(index++);
                    ScanValue(item, location, depth + 1, maxTemplateLength, references, problems);
                    location.Pop();
                }

                break;
            case JsonValueKind.String:
                var text = JsonValues.Text(value);
                if (!TemplateText.MayHoldTemplates(text))
                {
                    break;
                }

                var where = location.ToString();
                if (text.Length > maxTemplateLength)
                {
                    problems.Add(new TemplateSyntaxProblem(
                        where, 0, $"a string that holds templates may be at most {maxTemplateLength} characters; this one has {text.Length}"));
                    break;
                }

                foreach (var part in TemplateText.Parse(text, (position, message) => problems.Add(new TemplateSyntaxProblem(where, position, message))))
                {
                    references.Add(new TemplateReference(where, part.Path));
                }

                break;
            default:
                break;
        }
    }

    private static bool HoldsTemplates(JsonElement value, int depth) => value.ValueKind switch
    {
        JsonValueKind.Object => depth > MaxDepth || value.EnumerateObject().Any(property => HoldsTemplates(property.Value, depth + 1)),
        JsonValueKind.Array => depth > MaxDepth || value.EnumerateArray().Any(item => HoldsTemplates(item, depth + 1)),
        JsonValueKind.String => TemplateText.MayHoldTemplates(JsonValues.Text(value)),
        _ => false,
    };

    private static string NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return "\uFFFD";
        }
    }

    /// <summary>Writes the parameters with their templates filled in, counting what the templates insert.</summary>
    private sealed class Renderer(IPathValueSource values, int maxExpansionChars)
    {
        private long _expanded;

        public JsonLocation Location { get; } = new();

        /// <summary>Writes one value; returns why it could not be, or <see langword="null"/>.</summary>
        public string? Write(Utf8JsonWriter writer, JsonElement value, int depth)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object or JsonValueKind.Array when depth > MaxDepth:
                    return $"the parameters nest deeper than {MaxDepth} levels at {Location}";
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var property in value.EnumerateObject())
                    {
                        Location.PushName(NameOf(property));
                        writer.WritePropertyName(property.Name);
                        if (Write(writer, property.Value, depth + 1) is { } error)
                        {
                            return error;
                        }

                        Location.Pop();
                    }

                    writer.WriteEndObject();
                    return null;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    var index = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        Location.PushIndex(index++);
                        if (Write(writer, item, depth + 1) is { } error)
                        {
                            return error;
                        }

                        Location.Pop();
                    }

                    writer.WriteEndArray();
                    return null;
                case JsonValueKind.String when TemplateText.MayHoldTemplates(JsonValues.Text(value)):
                    return WriteTemplated(writer, JsonValues.Text(value));
                default:
                    // Copied as written: numbers keep their text, strings their escapes.
                    writer.WriteRawValue(value.GetRawText(), skipInputValidation: true);
                    return null;
            }
        }

        private string? WriteTemplated(Utf8JsonWriter writer, string text)
        {
            string? problem = null;
            var parts = TemplateText.Parse(text, (position, message) => problem ??= $"template at {Location} does not parse: {message} (at character {position})");
            if (problem is not null)
            {
                return problem;
            }

            if (parts is [var whole] && whole.Start == 0 && whole.Length == text.Length)
            {
                if (Resolve(whole.Path) is not { } value)
                {
                    return Missing(whole.Path);
                }

                var json = JsonValues.CompactJson(value);
                if (Expand(value.ValueKind == JsonValueKind.String ? JsonValues.Text(value).Length : json.Length) is { } tooLong)
                {
                    return tooLong;
                }

                writer.WriteRawValue(json, skipInputValidation: true);
                return null;
            }

            var builder = new StringBuilder();
            var last = 0;
            foreach (var part in parts)
            {
                if (Resolve(part.Path) is not { } value)
                {
                    return Missing(part.Path);
                }

                var inserted = value.ValueKind == JsonValueKind.String ? JsonValues.Text(value) : JsonValues.CompactJson(value);
                if (Expand(inserted.Length) is { } tooLong)
                {
                    return tooLong;
                }

                builder.Append(text, last, part.Start - last).Append(inserted);
                last = part.Start + part.Length;
            }

            builder.Append(text, last, text.Length - last);
            writer.WriteStringValue(builder.ToString());
            return null;
        }

        private JsonElement? Resolve(DataPath path) =>
            values.TryResolve(path, out var value) && value.ValueKind != JsonValueKind.Undefined ? value : null;

        private string Missing(DataPath path) => $"template '{path.Text}' at {Location} names nothing";

        private string? Expand(int chars)
        {
            _expanded += chars;
            return _expanded > maxExpansionChars
                ? $"templates at {Location} expand past the limit of {maxExpansionChars} characters"
                : null;
        }
    }
}
