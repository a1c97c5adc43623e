using System.Text;
using System.Text.Json;

namespace PlanFunctions.Core.Tests.Fuzzing;

/// <summary>Step parameters for fuzzing: random JSON trees whose strings hold templates, broken templates and noise.</summary>
internal static class TemplateInputs
{
    private static readonly string[] Strings =
    [
        "{{ input.n }}", "x {{ steps.a.output }} y", "{{ steps.a.output.tags[1] }}", "{{ input.big }}", "{{ input.s }}", "{{ input.\ud800 }}",
        "{{", "}}", "{{ }}", "{{{{ input.n }}}}", "{{ input.n", "input.n }}", "{{ input.list[99999999999999999999] }}", "{{ missing.path }}",
        $"{{{{ steps.{new string('a', 65)}.output }}}}", "{{ input['odd key'][0] }}", "{{ steps.a.output == 1 }}", "plain text", "\ud800", "\u0000",
        "{{ input.list }}{{ input.list }}{{ input.list }}", "{{ input.wide }}",
    ];

    public static JsonElement Generate(Random random)
    {
        var text = new StringBuilder();
        var depth = random.Next(30) == 0 ? random.Next(990, 1_010) : random.Next(1, 8);
        Write(random, text, depth);
        using var document = JsonDocument.Parse(text.ToString(), new JsonDocumentOptions { MaxDepth = 2_000 });
        return document.RootElement.Clone();
    }

    private static void Write(Random random, StringBuilder text, int depth)
    {
        text.Append('{');
        var properties = depth > 50 ? 1 : random.Next(1, 5);
        for (var i = 0; i < properties; i++)
        {
            text.Append(i == 0 ? string.Empty : ",");
            text.Append(JsonSerializer.Serialize(random.Next(8) == 0 ? random.NoiseText(5) : $"p{i}")).Append(':');
            if (depth > 1 && (depth > 50 || random.Next(3) == 0))
            {
                if (random.Next(2) == 0)
                {
                    Write(random, text, depth - 1);
                }
                else
                {
                    text.Append('[');
                    WriteLeaf(random, text);
                    text.Append(',');
                    Write(random, text, depth - 1);
                    text.Append(']');
                }
            }
            else
            {
                WriteLeaf(random, text);
            }
        }

        text.Append('}');
    }

    private static void WriteLeaf(Random random, StringBuilder text)
    {
        var value = random.Next(10) switch
        {
            0 => random.NoiseText(30),
            1 => string.Concat(Enumerable.Repeat(random.Pick(Strings), random.Next(1, 400))),
            2 => null,
            _ => random.Pick(Strings),
        };
        text.Append(value is null ? random.Pick(["1e400", "null", "true", "[]", "-0"]) : JsonSerializer.Serialize(value));
    }
}
