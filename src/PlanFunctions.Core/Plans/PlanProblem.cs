using System.Text;

namespace PlanFunctions.Core.Plans;

/// <summary>
/// One thing wrong with a plan, named where it is: the JSON path, the step's id where it is inside a step,
/// the property, and for JSON syntax or expression errors the line or character position.
/// </summary>
/// <param name="Path">Where in the document, as a JSON path such as <c>$.steps[2].retry.maxNumberOfAttempts</c>.</param>
/// <param name="StepId">The id of the step the problem is in, when it is in a step that has a readable id.</param>
/// <param name="Property">The property that is wrong, such as <c>retry.maxNumberOfAttempts</c>, when there is one.</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record PlanProblem(string Path, string? StepId, string? Property, string Message)
{
    /// <summary>The 1-based line in the document, for JSON syntax errors.</summary>
    public long? Line { get; init; }

    /// <summary>The 0-based position: the byte in the line for JSON syntax errors, the character in an expression or template.</summary>
    public long? Position { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        if (StepId is not null)
        {
            text.Append("step '").Append(StepId).Append('\'');
            if (Property is not null)
            {
                text.Append(", ").Append(Property);
            }
        }
        else
        {
            text.Append(Property ?? Path);
        }

        if (Line is not null)
        {
            text.Append(" (line ").Append(Line).Append(", position ").Append(Position).Append(')');
        }
        else if (Position is not null)
        {
            text.Append(" (at character ").Append(Position).Append(')');
        }

        text.Append(": ").Append(Message);
        return text.ToString();
    }
}
