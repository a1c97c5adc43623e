using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using PlanFunctions.Core.Tools;
using PlanFunctions.Tools.Abstractions;
using PlanFunctions.Tools.BuiltIn;

namespace PlanFunctions.Tools.Registry;

/// <summary>
/// The tools this host offers: every registered <see cref="IPlanTool"/> plus <c>waitForEvent</c>, which the engine
/// carries out itself. It answers the validator (<see cref="IToolCatalog"/>) and finds the tool a step runs.
/// </summary>
public sealed class ToolRegistry : IToolCatalog
{
    /// <summary>Why <c>ai.chat</c> cannot be used while no Azure OpenAI tool is registered.</summary>
    public const string AiChatUnavailableReason =
        "the ai.chat tool needs Azure OpenAI: no endpoint is configured (set AzureOpenAI:Endpoint)";

    private readonly Dictionary<string, IPlanTool> _tools;
    private readonly string[] _names;

    /// <summary>Builds the registry from the registered tools.</summary>
    /// <exception cref="InvalidOperationException">
    /// Two tools share a name, a tool has no name, or a tool takes a name the engine carries out itself.
    /// </exception>
    public ToolRegistry(IEnumerable<IPlanTool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        _tools = new Dictionary<string, IPlanTool>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var tool in tools)
        {
            var name = tool.Name;
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add($"the tool {tool.GetType().FullName} has no name");
            }
            else if (name == BuiltInToolNames.WaitForEvent)
            {
                errors.Add($"the tool {tool.GetType().FullName} is named '{name}', which the engine carries out itself");
            }
            else if (_tools.TryGetValue(name, out var first))
            {
                errors.Add($"two tools are named '{name}': {first.GetType().FullName} and {tool.GetType().FullName}");
            }
            else
            {
                _tools.Add(name, tool);
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The PlanFunctions tools cannot be registered: " + string.Join("; ", errors) + ".");
        }

        _names = [.. _tools.Keys.Append(BuiltInToolNames.WaitForEvent).Append(BuiltInToolNames.AiChat).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>Every name a plan may mention, including <c>ai.chat</c> when it is not configured here.</summary>
    public IReadOnlyCollection<string> ToolNames => _names;

    /// <summary>Finds the tool that carries out a step. <c>waitForEvent</c> has none: the engine waits itself.</summary>
    public bool TryGetTool(string toolName, [NotNullWhen(true)] out IPlanTool? tool) =>
        _tools.TryGetValue(toolName, out tool);

    /// <inheritdoc />
    public bool IsAvailable(string toolName, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(toolName);
        if (_tools.ContainsKey(toolName) || toolName == BuiltInToolNames.WaitForEvent)
        {
            reason = null;
            return true;
        }

        if (toolName == BuiltInToolNames.AiChat)
        {
            reason = AiChatUnavailableReason;
            return false;
        }

        var sameButCase = _names.FirstOrDefault(n => string.Equals(n, toolName, StringComparison.OrdinalIgnoreCase));
        reason = sameButCase is not null
            ? $"unknown tool '{toolName}' (names are case-sensitive: did you mean '{sameButCase}'?)"
            : $"unknown tool '{toolName}'; known tools: {string.Join(", ", _names)}";
        return false;
    }

    /// <inheritdoc />
    /// <remarks>Unknown tools have no parameter problems here: <see cref="IsAvailable"/> reports them.</remarks>
    public IEnumerable<(string Property, string Message)> CheckParameters(string toolName, JsonElement parameters)
    {
        ArgumentNullException.ThrowIfNull(toolName);
        if (toolName == BuiltInToolNames.WaitForEvent)
        {
            return WaitForEventParameters.Check(parameters);
        }

        if (!_tools.TryGetValue(toolName, out var tool))
        {
            return [];
        }

        try
        {
            // Materialised here so that a lazy check that throws is caught too.
            return tool.CheckParameters(parameters).ToList();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return [(string.Empty, $"the {toolName} tool could not check its parameters: {exception.Message}")];
        }
    }
}
