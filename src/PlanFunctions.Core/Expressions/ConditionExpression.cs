using PlanFunctions.Core.Paths;

namespace PlanFunctions.Core.Expressions;

/// <summary>
/// A parsed condition in the plan's small, safe expression language: literals, <c>== != &lt; &lt;= &gt; &gt;=</c>,
/// <c>&amp;&amp; || !</c>, parentheses, paths and the functions <c>exists</c>, <c>contains</c>, <c>length</c>.
/// </summary>
public sealed class ConditionExpression
{
    /// <summary>How deeply parentheses, <c>!</c> and function calls may nest; deeper is a parse error.</summary>
    public const int MaxNestingDepth = 100;

    private readonly ConditionNode _root;

    private ConditionExpression(string text, ConditionNode root, IReadOnlyList<DataPath> paths)
    {
        Text = text;
        _root = root;
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
        if (!ConditionParser.TryParse(text, out var root, out var paths, out error))
        {
            expression = null;
            return false;
        }

        expression = new ConditionExpression(text, root!, paths);
        return true;
    }

    /// <summary>Parses an expression, throwing <see cref="FormatException"/> with the position when it is not valid.</summary>
    public static ConditionExpression Parse(string text) =>
        TryParse(text, out var expression, out var error) ? expression! : throw new FormatException(error!.ToString());

    /// <summary>
    /// Evaluates the expression to a truth value. Never throws for the data it reads: a missing path is
    /// <see langword="null"/>, a comparison across types is <see langword="false"/>. The result holds when it is
    /// <c>true</c>, a non-zero number or a non-empty string, array or object.
    /// </summary>
    public bool Evaluate(IPathValueSource values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return JsonValues.IsTruthy(_root.Evaluate(values));
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
