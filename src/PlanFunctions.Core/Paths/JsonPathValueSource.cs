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
        var current = _root;
        foreach (var segment in path.Segments)
        {
            if (segment.Name is { } name)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
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
}
