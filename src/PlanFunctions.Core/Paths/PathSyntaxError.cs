namespace PlanFunctions.Core.Paths;

/// <summary>Why a path, expression or template does not parse, and where.</summary>
/// <param name="Position">The 0-based character position in the text that was parsed.</param>
/// <param name="Message">What is wrong.</param>
public sealed record PathSyntaxError(int Position, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Message} (at character {Position})";
}
