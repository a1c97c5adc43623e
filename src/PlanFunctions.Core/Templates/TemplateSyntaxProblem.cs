namespace PlanFunctions.Core.Templates;

/// <summary>A template in a step's parameters that does not parse, or is too long.</summary>
/// <param name="Location">Where in the parameters, as a JSON path such as <c>$.body.text</c>.</param>
/// <param name="Position">The 0-based character position in that string.</param>
/// <param name="Message">What is wrong.</param>
public sealed record TemplateSyntaxProblem(string Location, int Position, string Message);
