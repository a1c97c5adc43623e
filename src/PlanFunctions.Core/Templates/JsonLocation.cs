using System.Text;
using PlanFunctions.Core.Serialization;

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
            else
            {
                JsonPathText.AppendName(builder, (string)segment);
            }
        }

        return builder.ToString();
    }
}
