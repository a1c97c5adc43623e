using System.Text;

namespace PlanFunctions.Deployment.Tests.Docker;

/// <summary>A Dockerfile read as its instructions, enough to check what it builds and runs.</summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> instructions) => Instructions = instructions;

    /// <summary>Every instruction in order.</summary>
    public IReadOnlyList<DockerInstruction> Instructions { get; }

    /// <summary>The FROM instructions, one per stage.</summary>
    public IReadOnlyList<DockerInstruction> Stages => [.. Instructions.Where(i => i.Keyword == "FROM")];

    /// <summary>The instructions of the last stage: what the image is made of.</summary>
    public IReadOnlyList<DockerInstruction> FinalStage => [.. Instructions.Where(i => i.Stage == Stages.Count - 1)];

    /// <summary>Reads a Dockerfile's text: comments and blank lines dropped, lines ending in a backslash joined.</summary>
    public static Dockerfile Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var current = new StringBuilder();
        var stage = -1;
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine.Trim();
            if (current.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current.Append(line[..^1]).Append(' ');
                continue;
            }

            current.Append(line);
            var joined = current.ToString();
            current.Clear();
            var space = joined.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? joined : joined[..space]).ToUpperInvariant();
            if (keyword == "FROM")
            {
                stage++;
            }

            instructions.Add(new DockerInstruction(keyword, space < 0 ? "" : joined[(space + 1)..].Trim(), stage));
        }

        return new Dockerfile(instructions);
    }
}
