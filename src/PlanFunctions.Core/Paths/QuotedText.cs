using System.Globalization;
using System.Text;

namespace PlanFunctions.Core.Paths;

/// <summary>
/// Reads a quoted string (<c>'text'</c> or <c>"text"</c>) with JSON's backslash escapes plus <c>\'</c>, as bracket
/// names in paths and string literals in expressions are written.
/// </summary>
internal static class QuotedText
{
    /// <summary>
    /// Reads the quoted string that starts at <paramref name="start"/> (which holds the quote); on success
    /// <paramref name="end"/> is the position just after the closing quote.
    /// </summary>
    public static bool TryRead(string text, int start, out string value, out int end, out PathSyntaxError? error)
    {
        var quote = text[start];
        var builder = new StringBuilder();
        var pos = start + 1;
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c == quote)
            {
                value = builder.ToString();
                end = pos + 1;
                error = null;
                return true;
            }

            if (c == '\\')
            {
                if (!TryReadEscape(text, pos, builder, out pos, out error))
                {
                    value = string.Empty;
                    end = pos;
                    return false;
                }

                continue;
            }

            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || pos + 1 >= text.Length || !char.IsLowSurrogate(text[pos + 1]))
                {
                    return Fail(pos, "a quoted string may not hold an unpaired surrogate", out value, out end, out error);
                }

                builder.Append(c).Append(text[pos + 1]);
                pos += 2;
                continue;
            }

            builder.Append(c);
            pos++;
        }

        return Fail(start, "unterminated string: no closing " + quote, out value, out end, out error);
    }

    private static bool TryReadEscape(string text, int backslash, StringBuilder builder, out int next, out PathSyntaxError? error)
    {
        error = null;
        next = backslash + 2;
        if (backslash + 1 >= text.Length)
        {
            next = backslash;
            error = new PathSyntaxError(backslash, "unterminated string: it ends in a backslash");
            return false;
        }

        switch (text[backslash + 1])
        {
            case '\\': builder.Append('\\'); return true;
            case '\'': builder.Append('\''); return true;
            case '"': builder.Append('"'); return true;
            case '/': builder.Append('/'); return true;
            case 'b': builder.Append('\b'); return true;
            case 'f': builder.Append('\f'); return true;
            case 'n': builder.Append('\n'); return true;
            case 'r': builder.Append('\r'); return true;
            case 't': builder.Append('\t'); return true;
            case 'u':
                if (!TryReadHex4(text, backslash + 2, out var unit))
                {
                    next = backslash;
                    error = new PathSyntaxError(backslash, "'\\u' must be followed by four hex digits");
                    return false;
                }

                next = backslash + 6;
                if (char.IsHighSurrogate(unit)
                    && next + 1 < text.Length && text[next] == '\\' && text[next + 1] == 'u'
                    && TryReadHex4(text, next + 2, out var low) && char.IsLowSurrogate(low))
                {
                    builder.Append(unit).Append(low);
                    next += 6;
                    return true;
                }

                if (char.IsSurrogate(unit))
                {
                    next = backslash;
                    error = new PathSyntaxError(backslash, "a quoted string may not hold an unpaired surrogate");
                    return false;
                }

                builder.Append(unit);
                return true;
            default:
                next = backslash;
                error = new PathSyntaxError(backslash, $"unknown escape {Describe(text, backslash + 1, "\\")}; use \\\\, \\', \\\", \\n, \\t or \\uXXXX");
                return false;
        }
    }

    private static bool TryReadHex4(string text, int start, out char unit)
    {
        unit = '\0';
        if (start + 4 > text.Length)
        {
            return false;
        }

        foreach (var c in text.AsSpan(start, 4))
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        unit = (char)int.Parse(text.AsSpan(start, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return true;
    }

    private static bool Fail(int position, string message, out string value, out int end, out PathSyntaxError? error)
    {
        value = string.Empty;
        end = position;
        error = new PathSyntaxError(position, message);
        return false;
    }

    /// <summary>Shows the character at <paramref name="pos"/> in a message: quoted, control characters escaped.</summary>
    public static string Describe(string text, int pos, string prefix = "")
    {
        if (pos >= text.Length)
        {
            return "the end";
        }

        var c = text[pos];
        string shown;
        if (char.IsHighSurrogate(c) && pos + 1 < text.Length && char.IsLowSurrogate(text[pos + 1]))
        {
            shown = text.Substring(pos, 2);
        }
        else if (char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c) && c != ' ')
        {
            shown = $"\\u{(int)c:X4}";
        }
        else
        {
            shown = c.ToString();
        }

        return $"'{prefix}{shown}'";
    }
}
