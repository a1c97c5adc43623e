using PlanFunctions.Core.Paths;

namespace PlanFunctions.Core.Templates;

/// <summary>One <c>{{ path }}</c> in a string: where it starts, how long it is (braces included), what it reads.</summary>
internal readonly record struct TemplatePart(int Start, int Length, DataPath Path);

/// <summary>Finds the templates in one string. A template ends at the first <c>}}</c> after its <c>{{</c>.</summary>
internal static class TemplateText
{
    private const string Open = "{{";
    private const string Close = "}}";

    /// <summary>Whether the string holds anything that looks like a template.</summary>
    public static bool MayHoldTemplates(string text) => text.Contains(Open, StringComparison.Ordinal);

    /// <summary>Reads every template of <paramref name="text"/>, reporting each one that does not parse.</summary>
    public static List<TemplatePart> Parse(string text, Action<int, string> problem)
    {
        var parts = new List<TemplatePart>();
        var pos = 0;
        while ((pos = text.IndexOf(Open, pos, StringComparison.Ordinal)) >= 0)
        {
            var innerStart = pos + Open.Length;
            var close = text.IndexOf(Close, innerStart, StringComparison.Ordinal);
            if (close < 0)
            {
                problem(pos, "unterminated template: '{{' has no closing '}}'");
                break;
            }

            if (string.IsNullOrWhiteSpace(text[innerStart..close]))
            {
                problem(pos, "empty template: write a path between '{{' and '}}'");
            }
            else if (!DataPath.TryParse(text[innerStart..close], out var path, out var error))
            {
                problem(innerStart + error!.Position, error.Message);
            }
            else
            {
                parts.Add(new TemplatePart(pos, close + Close.Length - pos, path!));
            }

            pos = close + Close.Length;
        }

        return parts;
    }
}
