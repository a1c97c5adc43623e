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
        var segment = IsPlainName(name) ? "." + name : "['" + Escape(name) + "']";
        var property = Property is null ? segment.TrimStart('.') : Property + segment;
        return new(Path + segment, StepId, property);
    }

    /// <summary>The item at <paramref name="index"/> of the array here.</summary>
    public ProblemLocation Item(int index) => new($"{Path}[{index}]", StepId, $"{Property}[{index}]");

    /// <summary>A problem here.</summary>
    public PlanProblem Problem(string message) => new(Path, StepId, Property, message);

    private static string Escape(string name)
    {
        var text = new System.Text.StringBuilder(name.Length);
        foreach (var c in name)
        {
            _ = c switch
            {
                '\'' => text.Append("\\'"),
                '\\' => text.Append("\\\\"),
                _ when char.IsControl(c) => text.Append($"\\u{(int)c:x4}"),
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }

    private static bool IsPlainName(string name)
    {
        // The same rule as template locations use, so that both kinds of path read alike.
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] is '_' or '$'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '$'))
            {
                return false;
            }
        }

        return true;
    }
}
