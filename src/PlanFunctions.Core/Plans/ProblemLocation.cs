using PlanFunctions.Core.Serialization;

namespace PlanFunctions.Core.Plans;

/// <summary>
/// Where a problem is: the JSON path from the document's root, the step it is in (when that step has a
/// readable id) and the property relative to that step, or to the plan when there is no step id.
/// </summary>
internal readonly record struct ProblemLocation(string Path, string? StepId, string? Property)
{
    /// <summary>The document's root.</summary>
    public static ProblemLocation Root { get; } = new("$", null, null);

    /// <summary>The step at <paramref name="index"/>; without a usable id, its position names it instead.</summary>
    public static ProblemLocation ForStep(int index, string? stepId)
    {
        var path = $"$.steps[{index}]";
        return string.IsNullOrEmpty(stepId) ? new(path, null, $"steps[{index}]") : new(path, stepId, null);
    }

    /// <summary>The property <paramref name="name"/> of the object here.</summary>
    public ProblemLocation Child(string name)
    {
        var segment = JsonPathText.NameSegment(name);
        var property = Property is null ? segment.TrimStart('.') : Property + segment;
        return new(Path + segment, StepId, property);
    }

    /// <summary>The item at <paramref name="index"/> of the array here.</summary>
    public ProblemLocation Item(int index) => new($"{Path}[{index}]", StepId, $"{Property}[{index}]");

    /// <summary>A problem here.</summary>
    public PlanProblem Problem(string message) => new(Path, StepId, Property, message);
}
