using System.Text.Json.Serialization;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Client.Api;

/// <summary>One problem: where it is (JSON path, step id, property, line and position) and what is wrong.</summary>
public sealed record ApiErrorDetail
{
    /// <summary>The JSON path in the request body, such as <c>$.steps[2].retry</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The step the problem is in, when it is in a step with a readable id.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? StepId { get; init; }

    /// <summary>The property that is wrong, when there is one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Property { get; init; }

    /// <summary>What is wrong.</summary>
    public required string Message { get; init; }

    /// <summary>The 1-based line, for JSON syntax errors.</summary>
    public long? Line { get; init; }

    /// <summary>The 0-based position in the line (JSON syntax) or in an expression or template.</summary>
    public long? Position { get; init; }

    /// <summary>The detail of a plan problem.</summary>
    public static ApiErrorDetail From(PlanProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new()
        {
            Path = problem.Path,
            StepId = problem.StepId,
            Property = problem.Property,
            Message = problem.Message,
            Line = problem.Line,
            Position = problem.Position,
        };
    }
}
