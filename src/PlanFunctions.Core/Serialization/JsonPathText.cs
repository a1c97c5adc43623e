using System.Text;

namespace PlanFunctions.Core.Serialization;

/// <summary>
/// Writes property names into JSON paths the one way every location in a problem reads: <c>.name</c> for a plain
/// identifier, <c>['odd name']</c> otherwise.
/// </summary>
internal static class JsonPathText
{
    /// <summary>The segment that names a property: <c>.name</c> or <c>['odd name']</c>.</summary>
    public static string NameSegment(string name) => AppendName(new StringBuilder(name.Length + 4), name).ToString();

    /// <summary>Appends the segment that names a property.</summary>
    public static StringBuilder AppendName(StringBuilder text, string name)
    {
        if (IsIdentifier(name))
        {
            return text.Append('.').Append(name);
        }

        text.Append("['");
        foreach (var c in name)
        {
            _ = c switch
            {
                '\'' => text.Append("\\'"),
                '\\' => text.Append("\\\\"),
                _ when char.IsControl(c) => text.Append($"\\u{(int)c:x4}"),
                _ => text.Append(c),
            };
        }

        return text.Append("']");
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] is '_' or '$'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '$'))
            {
                return false;
            }
        }

        return true;
    }
}
