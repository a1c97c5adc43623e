using System.Text.Json;

namespace PlanFunctions.Core.Tools;

/// <summary>
/// What the validator knows of the tools a host offers: which names exist, whether each can be used here,
/// and what is wrong with a step's parameters before the run starts.
/// </summary>
public interface IToolCatalog
{
    /// <summary>The names of every tool, built-in and registered.</summary>
    IReadOnlyCollection<string> ToolNames { get; }

    /// <summary>
    /// Whether a tool can be used by a plan here. <paramref name="reason"/> says why not: unknown, or
    /// (for the AI tools) no Azure OpenAI endpoint is configured.
    /// </summary>
    bool IsAvailable(string toolName, out string? reason);

    /// <summary>
    /// The problems with a step's parameters, each as (property, message); values that hold templates are
    /// not known yet and must be accepted. Empty when the parameters are fine.
    /// </summary>
    IEnumerable<(string Property, string Message)> CheckParameters(string toolName, JsonElement parameters);
}
