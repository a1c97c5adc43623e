using System.Text.Json;

namespace PlanFunctions.Core.Tools;

/// <summary>A catalog that knows tool names only and checks no parameters: for tests and for tools without checks.</summary>
public sealed class NameOnlyToolCatalog : IToolCatalog
{
    private readonly HashSet<string> _names;

    /// <summary>A catalog of the given names.</summary>
    public NameOnlyToolCatalog(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = new HashSet<string>(names, StringComparer.Ordinal);
    }

    /// <summary>A catalog of the built-in tools' names.</summary>
    public static NameOnlyToolCatalog BuiltIns { get; } = new(BuiltInToolNames.All);

    /// <inheritdoc />
    public IReadOnlyCollection<string> ToolNames => _names;

    /// <inheritdoc />
    public bool IsAvailable(string toolName, out string? reason)
    {
        if (_names.Contains(toolName))
        {
            reason = null;
            return true;
        }

        reason = $"unknown tool '{toolName}'; known tools: {string.Join(", ", _names.Order(StringComparer.Ordinal))}";
        return false;
    }

    /// <inheritdoc />
    public IEnumerable<(string Property, string Message)> CheckParameters(string toolName, JsonElement parameters) => [];
}
