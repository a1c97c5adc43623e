using System.Globalization;

namespace PlanFunctions.Core.Paths;

/// <summary>
/// Reads a <see cref="DataPath"/> from a span of text: on its own (<see cref="DataPath.TryParse"/>) or embedded in an
/// expression, where the path ends at the first character that cannot continue it.
/// </summary>
internal static class DataPathParser
{
    private const int MaxStepIdLength = 64;

    private enum Expect
    {
        Root,
        StepId,
        StepField,
        RunField,
        Anything,
        Nothing,
    }

    /// <summary>Whether <paramref name="c"/> may start a name in a path.</summary>
    public static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    /// <summary>Whether <paramref name="c"/> may continue a name in a path.</summary>
    public static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-';

    /// <summary>
    /// Parses the path that starts at <paramref name="start"/>. When <paramref name="embedded"/>, the path ends where
    /// a segment cannot continue; otherwise it must run exactly to <paramref name="limit"/>. Error positions are
    /// positions in <paramref name="text"/>.
    /// </summary>
    public static bool TryParse(
        string text, int start, int limit, bool embedded, out DataPath? path, out int end, out PathSyntaxError? error)
    {
        path = null;
        end = start;
        var segments = new List<PathSegment>();
        var expect = Expect.Root;
        string? stepId = null;
        var pos = start;

        if (pos >= limit || !IsNameStart(text[pos]))
        {
            var found = Found(text, pos, limit);
            error = new PathSyntaxError(pos, $"expected a path (input..., steps.<id>... or run...), found {found}");
            return false;
        }

        while (true)
        {
            var segmentStart = pos;
            PathSegment segment;
            if (expect == Expect.Root)
            {
                segment = new PathSegment(ReadName(text, ref pos, limit), null);
            }
            else if (pos < limit && text[pos] == '.')
            {
                segmentStart = ++pos;
                if (pos >= limit || !IsNameStart(text[pos]))
                {
                    error = new PathSyntaxError(pos, pos < limit && char.IsAsciiDigit(text[pos])
                        ? "a name cannot start with a digit; write an array index as [0]"
                        : $"expected a name after '.', found {Found(text, pos, limit)}");
                    return false;
                }

                segment = new PathSegment(ReadName(text, ref pos, limit), null);
            }
            else if (pos < limit && text[pos] == '[')
            {
                if (!TryReadBracket(text, ref pos, limit, out segment, out error))
                {
                    return false;
                }
            }
            else
            {
                break;
            }

            if (!Accept(segment, segmentStart, ref expect, ref stepId, out error))
            {
                return false;
            }

            segments.Add(segment);
        }

        if (!embedded && pos < limit)
        {
            error = new PathSyntaxError(pos, $"unexpected {Found(text, pos, limit)} in a path");
            return false;
        }

        var missing = expect switch
        {
            Expect.StepId => "after 'steps' comes a step id, e.g. steps.fetch.output",
            Expect.StepField => $"after steps.{stepId} comes output, status, attempts or error",
            Expect.RunField => "after 'run' comes instanceId or name",
            _ => null,
        };
        if (missing is not null)
        {
            error = new PathSyntaxError(pos, missing);
            return false;
        }

        path = DataPath.Create(text[start..pos], segments);
        end = pos;
        error = null;
        return true;
    }

    private static bool Accept(PathSegment segment, int position, ref Expect expect, ref string? stepId, out PathSyntaxError? error)
    {
        error = null;
        switch (expect)
        {
            case Expect.Root:
                expect = segment.Name switch
                {
                    "input" => Expect.Anything,
                    "steps" => Expect.StepId,
                    "run" => Expect.RunField,
                    _ => Expect.Root,
                };
                if (expect == Expect.Root)
                {
                    error = new PathSyntaxError(position, $"unknown root '{segment.Name}': a path starts with input, steps or run");
                }

                break;
            case Expect.StepId:
                if (segment.Name is not { } id || !IsStepId(id))
                {
                    error = new PathSyntaxError(position, "after 'steps' comes a step id: a letter, then up to 63 letters, digits, '_' or '-'");
                    break;
                }

                stepId = id;
                expect = Expect.StepField;
                break;
            case Expect.StepField:
                expect = segment.Name switch
                {
                    "output" => Expect.Anything,
                    "status" or "attempts" or "error" => Expect.Nothing,
                    _ => Expect.StepField,
                };
                if (expect == Expect.StepField)
                {
                    error = new PathSyntaxError(position, $"after steps.{stepId} comes output, status, attempts or error, not '{segment}'");
                }

                break;
            case Expect.RunField:
                if (segment.Name is "instanceId" or "name")
                {
                    expect = Expect.Nothing;
                }
                else
                {
                    error = new PathSyntaxError(position, $"after 'run' comes instanceId or name, not '{segment}'");
                }

                break;
            case Expect.Nothing:
                error = new PathSyntaxError(position, "nothing may follow status, attempts, error, run.instanceId or run.name");
                break;
            case Expect.Anything:
            default:
                break;
        }

        return error is null;
    }

    private static string Found(string text, int pos, int limit) =>
        pos >= limit ? "the end" : QuotedText.Describe(text, pos);

    private static bool IsStepId(string id)
    {
        if (id.Length is 0 or > MaxStepIdLength || !char.IsAsciiLetter(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!IsNameChar(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string ReadName(string text, ref int pos, int limit)
    {
        var start = pos;
        while (pos < limit && IsNameChar(text[pos]))
        {
            pos++;
        }

        return text[start..pos];
    }

    private static bool TryReadBracket(string text, ref int pos, int limit, out PathSegment segment, out PathSyntaxError? error)
    {
        segment = default;
        var open = pos;
        pos++;
        if (pos < limit && char.IsAsciiDigit(text[pos]))
        {
            var digitsStart = pos;
            while (pos < limit && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }

            if (!int.TryParse(text.AsSpan(digitsStart, pos - digitsStart), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                error = new PathSyntaxError(digitsStart, $"index {text[digitsStart..pos]} is too large");
                return false;
            }

            segment = new PathSegment(null, index);
        }
        else if (pos < limit && text[pos] is '\'' or '"')
        {
            // The quoted name may not run past the limit: read it from the limited text.
            var bounded = limit == text.Length ? text : text[..limit];
            if (!QuotedText.TryRead(bounded, pos, out var name, out pos, out error))
            {
                return false;
            }

            segment = new PathSegment(name, null);
        }
        else
        {
            var hint = pos < limit && text[pos] == '-' ? " (negative indexes are not supported)" : string.Empty;
            error = new PathSyntaxError(pos, $"expected an index or a quoted name after '[', found {Found(text, pos, limit)}{hint}");
            return false;
        }

        if (pos >= limit || text[pos] != ']')
        {
            error = new PathSyntaxError(pos, $"expected ']' to close '[' at {open}, found {Found(text, pos, limit)}");
            return false;
        }

        pos++;
        error = null;
        return true;
    }
}
