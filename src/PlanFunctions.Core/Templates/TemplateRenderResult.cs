using System.Text.Json;

namespace PlanFunctions.Core.Templates;

/// <summary>The parameters with every template filled in, or why they could not be.</summary>
/// <param name="Value">The filled-in parameters, when <see cref="Error"/> is <see langword="null"/>.</param>
/// <param name="Error">Why filling in failed, naming the path (a missing path, an expansion past the limit).</param>
public readonly record struct TemplateRenderResult(JsonElement Value, string? Error)
{
    /// <summary>Whether every template was filled in.</summary>
    public bool Succeeded => Error is null;
}
