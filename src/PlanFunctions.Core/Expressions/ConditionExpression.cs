using PlanFunctions.Core.Paths;

namespace PlanFunctions.Core.Expressions;

/// <summary>
/// A parsed condition in the plan's small, safe expression language: literals, <c>== != &lt; &lt;= &gt; &gt;=</c>,
/// <c>&amp;&amp; || !</c>, parentheses, paths and the functions <c>exists</c>, <c>contains</c>, <c>length</c>.
/// </summary>
public sealed class ConditionExpression
{
    private ConditionExpression(string text, IReadOnlyList<DataPath> paths)
    {
        Text = text;
        Paths = paths;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>Every path the expression reads, in order of appearance.</summary>
    public IReadOnlyList<DataPath> Paths { get; }

    /// <summary>Parses an expression; on failure the error holds the 0-based character position.</summary>
    public static bool TryParse(string text, out ConditionExpression? expression, out PathSyntaxError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        throw new NotImplementedException();
    }

    /// <summary>
    /// Evaluates the expression to a truth value. Never throws for the data it reads: a missing path is
    /// <see langword="null"/>, a comparison across types is <see langword="false"/>.
    /// </summary>
    public bool Evaluate(IPathValueSource values)
    {
        ArgumentNullException.ThrowIfNull(values);
        throw new NotImplementedException();
    }
}
