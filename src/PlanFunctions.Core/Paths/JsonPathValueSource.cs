using System.Text.Json;

namespace PlanFunctions.Core.Paths;

/// <summary>
/// Resolves paths against one JSON document of the shape
/// <c>{ "input": ..., "steps": { "&lt;id&gt;": { "output", "status", "attempts", "error" } }, "run": { "instanceId", "name" } }</c>,
/// walking names into objects and indexes into arrays.
/// </summary>
public sealed class JsonPathValueSource : IPathValueSource
{
    private readonly JsonElement _root;

    /// <summary>Reads paths from <paramref name="root"/>; the element is copied, so its document may be disposed.</summary>
    public JsonPathValueSource(JsonElement root)
    {
        _root = root.ValueKind == JsonValueKind.Undefined ? root : root.Clone();
    }

    /// <summary>Reads paths from the JSON document in <paramref name="json"/>.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static JsonPathValueSource Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return new JsonPathValueSource(document.RootElement);
    }

    /// <inheritdoc />
    public bool TryResolve(DataPath path, out JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Walk(_root, path.Segments, 0, out value);
    }

    /// <summary>Follows <paramref name="segments"/> from position <paramref name="from"/> into a JSON value.</summary>
    internal static bool Walk(JsonElement current, IReadOnlyList<PathSegment> segments, int from, out JsonElement value)
    {
        for (var i = from; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (segment.Name is { } name)
            {
                if (current.ValueKind != JsonValueKind.Object || !TryGetProperty(current, name, out current))
                {
                    value = default;
                    return false;
                }
            }
            else if (current.ValueKind != JsonValueKind.Array || segment.Index is not { } index || index >= current.GetArrayLength())
            {
                value = default;
                return false;
            }
            else
            {
                current = current[index];
            }
        }

        value = current;
        return true;
    }

    /// <summary>
    /// <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> that does not throw on property names whose
    /// escapes spell an unpaired surrogate: such a name matches nothing.
    /// </summary>
    internal static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        try
        {
            return element.TryGetProperty(name, out value);
        }
        catch (InvalidOperationException)
        {
            foreach (var property in element.EnumerateObject())
            {
                bool matches;
                try
                {
                    matches = property.NameEquals(name);
                }
                catch (InvalidOperationException)
                {
                    matches = false;
                }

                if (matches)
                {
                    value = property.Value;
                    return true;
                }
            }

            value = default;
            return false;
        }
    }
}
