using PlanFunctions.Core.Paths;

namespace PlanFunctions.Core.Templates;

/// <summary>A <c>{{ path }}</c> found in a step's parameters.</summary>
/// <param name="Location">Where in the parameters, as a JSON path such as <c>$.headers.Authorization</c>.</param>
/// <param name="Path">The path the template reads.</param>
public sealed record TemplateReference(string Location, DataPath Path);
