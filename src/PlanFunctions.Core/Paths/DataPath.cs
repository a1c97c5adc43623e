namespace PlanFunctions.Core.Paths;

/// <summary>
/// A path into the data a template or a condition reads: <c>input.a.b[0]</c>,
/// <c>steps.&lt;id&gt;.output.x</c>, <c>steps.&lt;id&gt;.status</c>, <c>steps.&lt;id&gt;.attempts</c>,
/// <c>steps.&lt;id&gt;.error</c>, <c>run.instanceId</c>, <c>run.name</c>.
/// </summary>
public sealed class DataPath
{
    private DataPath(string text, IReadOnlyList<PathSegment> segments)
    {
        Text = text;
        Segments = segments;
    }

    /// <summary>Makes a path the parser has already checked.</summary>
    internal static DataPath Create(string text, IReadOnlyList<PathSegment> segments) => new(text, segments);

    /// <summary>The path as written, trimmed.</summary>
    public string Text { get; }

    /// <summary>The parts of the path; the first is always a name (<c>input</c>, <c>steps</c> or <c>run</c>).</summary>
    public IReadOnlyList<PathSegment> Segments { get; }

    /// <summary>The step this path reads (<c>steps.&lt;id&gt;...</c>), or <see langword="null"/>.</summary>
    public string? StepId => Segments.Count >= 2 && Segments[0].Name == "steps" ? Segments[1].Name : null;

    /// <summary>
    /// Parses a path. Fails, with the 0-based character position, on bad syntax, an unknown root, or a
    /// <c>steps</c> path that does not name one of <c>output</c>, <c>status</c>, <c>attempts</c>, <c>error</c>.
    /// </summary>
    public static bool TryParse(string text, out DataPath? path, out PathSyntaxError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        var limit = text.Length;
        while (start < limit && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (limit > start && char.IsWhiteSpace(text[limit - 1]))
        {
            limit--;
        }

        return DataPathParser.TryParse(text, start, limit, embedded: false, out path, out _, out error);
    }

    /// <summary>Parses a path, throwing <see cref="FormatException"/> with the position when it is not valid.</summary>
    public static DataPath Parse(string text) =>
        TryParse(text, out var path, out var error) ? path! : throw new FormatException(error!.ToString());

    /// <inheritdoc />
    public override string ToString() => Text;
}
