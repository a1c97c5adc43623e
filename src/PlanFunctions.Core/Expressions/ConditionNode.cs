using System.Text.Json;
using PlanFunctions.Core.Paths;

namespace PlanFunctions.Core.Expressions;

/// <summary>A node of a parsed condition. Evaluating one never throws for any data.</summary>
internal abstract class ConditionNode
{
    public abstract JsonElement Evaluate(IPathValueSource values);
}

/// <summary>A literal: a number, string, <c>true</c>, <c>false</c> or <c>null</c>.</summary>
internal sealed class LiteralNode(JsonElement value) : ConditionNode
{
    public override JsonElement Evaluate(IPathValueSource values) => value;
}

/// <summary>A path; a missing value reads as <c>null</c>.</summary>
internal sealed class PathNode(DataPath path) : ConditionNode
{
    public DataPath Path { get; } = path;

    public override JsonElement Evaluate(IPathValueSource values) =>
        values.TryResolve(Path, out var value) && value.ValueKind != JsonValueKind.Undefined ? value : JsonValues.Null;
}

/// <summary><c>!operand</c>.</summary>
internal sealed class NotNode(ConditionNode operand) : ConditionNode
{
    public override JsonElement Evaluate(IPathValueSource values) =>
        JsonValues.FromBoolean(!JsonValues.IsTruthy(operand.Evaluate(values)));
}

/// <summary>
/// <c>a &amp;&amp; b &amp;&amp; ...</c> or <c>a || b || ...</c>, short-circuiting. A chain is one node with a list, not a
/// left-leaning tree, so a long chain cannot make evaluation recurse deeply.
/// </summary>
internal sealed class LogicalNode(bool isAnd, IReadOnlyList<ConditionNode> operands) : ConditionNode
{
    public override JsonElement Evaluate(IPathValueSource values)
    {
        foreach (var operand in operands)
        {
            if (JsonValues.IsTruthy(operand.Evaluate(values)) != isAnd)
            {
                return JsonValues.FromBoolean(!isAnd);
            }
        }

        return JsonValues.FromBoolean(isAnd);
    }
}

/// <summary>A comparison: <c>== != &lt; &lt;= &gt; &gt;=</c>.</summary>
internal sealed class ComparisonNode(string op, ConditionNode left, ConditionNode right) : ConditionNode
{
    public override JsonElement Evaluate(IPathValueSource values)
    {
        var l = left.Evaluate(values);
        var r = right.Evaluate(values);
        return JsonValues.FromBoolean(op switch
        {
            "==" => JsonValues.AreEqual(l, r),
            "!=" => !JsonValues.AreEqual(l, r),
            _ => JsonValues.Compare(l, r) is { } order && op switch
            {
                "<" => order < 0,
                "<=" => order <= 0,
                ">" => order > 0,
                _ => order >= 0,
            },
        });
    }
}

/// <summary><c>exists(path)</c>: whether the path names a value, even <c>null</c>.</summary>
internal sealed class ExistsNode(DataPath path) : ConditionNode
{
    public override JsonElement Evaluate(IPathValueSource values) =>
        JsonValues.FromBoolean(values.TryResolve(path, out var value) && value.ValueKind != JsonValueKind.Undefined);
}

/// <summary>
/// <c>contains(haystack, needle)</c>: a substring of a string, an element of an array, a property name of an object.
/// </summary>
internal sealed class ContainsNode(ConditionNode haystack, ConditionNode needle) : ConditionNode
{
    public override JsonElement Evaluate(IPathValueSource values)
    {
        var h = haystack.Evaluate(values);
        var n = needle.Evaluate(values);
        var found = h.ValueKind switch
        {
            JsonValueKind.String => n.ValueKind == JsonValueKind.String
                && JsonValues.Text(h).Contains(JsonValues.Text(n), StringComparison.Ordinal),
            JsonValueKind.Array => h.EnumerateArray().Any(item => JsonValues.AreEqual(item, n)),
            JsonValueKind.Object => n.ValueKind == JsonValueKind.String
                && JsonPathValueSource.TryGetProperty(h, JsonValues.Text(n), out _),
            _ => false,
        };
        return JsonValues.FromBoolean(found);
    }
}

/// <summary><c>length(value)</c>: characters of a string, items of an array, properties of an object; otherwise <c>null</c>.</summary>
internal sealed class LengthNode(ConditionNode operand) : ConditionNode
{
    public override JsonElement Evaluate(IPathValueSource values) =>
        JsonValues.Length(operand.Evaluate(values)) is { } length ? JsonValues.FromInt32(length) : JsonValues.Null;
}
