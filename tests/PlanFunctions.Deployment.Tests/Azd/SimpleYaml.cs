namespace PlanFunctions.Deployment.Tests.Azd;

/// <summary>
/// Reads the YAML subset azure.yaml is written in (nested mappings of scalars, comments) into dotted keys:
/// <c>services.host.project</c>. Anything else (sequences, flow style, multi-line scalars) is an error, so the
/// file stays this simple.
/// </summary>
public static class SimpleYaml
{
    /// <summary>The scalars of <paramref name="text"/> by dotted key; every problem at once in the exception.</summary>
    public static IReadOnlyDictionary<string, string> Read(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var path = new List<(int Indent, string Key)>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = StripComment(lines[number - 1]).TrimEnd();
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var indent = line.Length - line.TrimStart(' ').Length;
            var content = line.Trim();
            var colon = content.IndexOf(':', StringComparison.Ordinal);
            if (line.Contains('\t', StringComparison.Ordinal) || content.StartsWith('-') || colon <= 0)
            {
                problems.Add($"line {number}: '{content}' is not 'key: value' or 'key:'");
                continue;
            }

            while (path.Count > 0 && path[^1].Indent >= indent)
            {
                path.RemoveAt(path.Count - 1);
            }

            var key = content[..colon].Trim();
            var value = content[(colon + 1)..].Trim();
            var dotted = string.Join('.', path.Select(p => p.Key).Append(key));
            if (value.Length == 0)
            {
                path.Add((indent, key));
            }
            else if (!values.TryAdd(dotted, Unquote(value)))
            {
                problems.Add($"line {number}: '{dotted}' is set twice");
            }
        }

        return problems.Count == 0 ? values : throw new FormatException(string.Join(Environment.NewLine, problems));
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf(" #", StringComparison.Ordinal);
        return line.TrimStart().StartsWith('#') ? "" : hash >= 0 ? line[..hash] : line;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
}
