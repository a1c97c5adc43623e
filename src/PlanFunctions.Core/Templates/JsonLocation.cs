using System.Text;

namespace PlanFunctions.Core.Templates;

/// <summary>
/// Where a value sits in the parameters, as a JSON path: <c>$.headers.Authorization</c>, <c>$.items[2]</c>,
/// <c>$.headers['Content-Type']</c>. Segments are kept on a stack and formatted only when a location is reported.
/// </summary>
internal sealed class JsonLocation
{
    private readonly List<object> _segments = [];

    public void PushName(string name) => _segments.Add(name);

    public void PushIndex(int index) => _segments.Add(index);

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public override string ToString()
    {
        var builder = new StringBuilder("$");
        foreach (var segment in _segments)
        {
            if (segment is int index)
            {
                builder.Append('[').Append(index).Append(']');
            }
            else if (segment is string name && IsIdentifier(name))
            {
                builder.Append('.').Append(name);
            }
            else
            {
                builder.Append("['");
                foreach (var c in (string)segment)
                {
                    _ = c switch
                    {
                        '\'' => builder.Append("\\'"),
                        '\\' => builder.Append("\\\\"),
                        _ when char.IsControl(c) => builder.Append($"\\u{(int)c:x4}"),
                        _ => builder.Append(c),
                    };
                }

                builder.Append("']");
            }
        }

        return builder.ToString();
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
