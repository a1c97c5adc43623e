using System.Text;
using System.Text.RegularExpressions;

namespace PlanFunctions.Core.Tests.Fuzzing;

/// <summary>Plan documents for fuzzing: valid plans mutated, and large generated graphs.</summary>
internal static partial class PlanInputs
{
    /// <summary>Valid plans that use every feature, the starting point of every mutation.</summary>
    public static readonly string[] Seeds =
    [
        """{ "name": "one", "steps": [ { "id": "a", "tool": "echo", "parameters": { "message": "hi" } } ] }""",
        """
        { "name": "orders", "timeoutSeconds": 600, "input": { "user": "ada", "items": [1, 2, 3] },
          "defaults": { "timeoutSeconds": 30, "retry": { "maxNumberOfAttempts": 3, "firstRetryIntervalSeconds": 1 } },
          "steps": [
            { "id": "fetch", "tool": "echo", "parameters": { "message": "{{ input.user }}", "list": ["{{ input.items }}", "x {{ input.items[0] }} y"] } },
            { "id": "check", "tool": "delay", "dependsOn": ["fetch"], "parameters": { "milliseconds": 10 },
              "condition": "steps.fetch.status == 'Succeeded' && length(steps.fetch.output.list) > 1 || !exists(input.none)",
              "retry": { "maxNumberOfAttempts": 5, "backoffCoefficient": 2, "maxRetryIntervalSeconds": 60, "retryTimeoutSeconds": 600 } },
            { "id": "fallback", "tool": "fail", "dependsOn": ["check"], "stopOnFailure": false, "timeoutSeconds": 5,
              "condition": "steps.check.status != 'Succeeded'", "parameters": { "message": "{{ steps.check.error }}" } }
          ] }
        """,
        """
        { "name": "fan", "steps": [
            { "id": "root", "tool": "echo" },
            { "id": "l", "tool": "echo", "dependsOn": ["root"], "condition": "contains(steps.root.output, 'x')" },
            { "id": "r", "tool": "echo", "dependsOn": ["root"], "condition": { "ai": "Is the root's output friendly?" } },
            { "id": "join", "tool": "echo", "dependsOn": ["l", "r"], "parameters": { "both": ["{{ steps.l.output }}", "{{ steps.r.output }}"] } }
          ] }
        """,
    ];

    /// <summary>A plan document, as UTF-8 bytes: mostly a mutated seed, sometimes a large generated graph.</summary>
    public static byte[] Generate(Random random)
    {
        if (random.Next(40) == 0)
        {
            return Encoding.UTF8.GetBytes(LargeGraph(random, random.Next(2) == 0 ? 10_000 : random.Next(1, 12_000)));
        }

        var text = random.Pick(Seeds);
        var mutations = random.Next(1, 4);
        for (var i = 0; i < mutations; i++)
        {
            text = MutateText(random, text);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        return random.Next(5) == 0 ? MutateBytes(random, bytes) : bytes;
    }

    /// <summary>Steps in a chain that closes on itself (a cycle of all of them) or a random graph, ids sometimes too long.</summary>
    public static string LargeGraph(Random random, int steps, bool cycle = true)
    {
        var longIds = random.Next(4) == 0;
        string Id(int i) => longIds ? $"s{i}".PadRight(66, 'x') : $"s{i}";
        var text = new StringBuilder("""{ "name": "large", "steps": [""");
        for (var i = 0; i < steps; i++)
        {
            var dependency = cycle ? (i + steps - 1) % steps : random.Next(steps);
            text.Append(i == 0 ? string.Empty : ",")
                .Append($$"""{ "id": "{{Id(i)}}", "tool": "echo", "dependsOn": ["{{Id(dependency)}}"]""")
                .Append(random.Next(50) == 0 ? $$""", "condition": "steps.{{Id(dependency)}}.output.x == 1" }""" : " }");
        }

        return text.Append("] }").ToString();
    }

    /// <summary>A deeply nested value put where a plan holds its input.</summary>
    public static string DeeplyNested(int depth, char open = '[', char close = ']') =>
        $$"""{ "name": "deep", "input": {{new string(open, depth)}}{{new string(close, depth)}}, "steps": [ { "id": "a", "tool": "echo" } ] }""";

    private static string MutateText(Random random, string text)
    {
        switch (random.Next(8))
        {
            case 0:
                // Truncated.
                return text[..random.Next(text.Length + 1)];
            case 1:
                // An unknown property, or a known one given twice.
                return InsertAfterBrace(random, text, random.Pick(["\"zzz\": 1, ", "\"id\": \"dup\", ", "\"tool\": \"echo\", ", "\"name\": 2, ", "\"steps\": [], "]));
            case 2:
            case 3:
                // A value of the wrong type, or an absurd one.
                return ReplaceValue(random, text, random.Pick(AdversarialValues.Json));
            case 4:
                // An id that is too long, odd or missing.
                return IdValue().Replace(text, $"\"{random.Pick(AdversarialValues.Ids)}\"", 1, random.Next(text.Length / 2));
            case 5:
                // Deep nesting where a value goes.
                var depth = random.Next(2) == 0 ? random.Next(60, 70) : random.Next(1, 5_000);
                return ReplaceValue(random, text, new string('[', depth) + new string(']', depth));
            case 6:
                // Random characters spliced in.
                var at = random.Next(text.Length + 1);
                return text[..at] + random.NoiseText(20) + text[at..];
            default:
                // A chunk repeated, which duplicates properties and steps.
                var start = random.Next(text.Length);
                var length = random.Next(Math.Min(200, text.Length - start) + 1);
                return text.Insert(start, text.Substring(start, length));
        }
    }

    private static byte[] MutateBytes(Random random, byte[] bytes)
    {
        var result = (byte[])bytes.Clone();
        for (var flips = random.Next(1, 8); flips > 0 && result.Length > 0; flips--)
        {
            result[random.Next(result.Length)] = (byte)random.Next(256);
        }

        return result;
    }

    private static string InsertAfterBrace(Random random, string text, string insert)
    {
        var braces = Enumerable.Range(0, text.Length).Where(i => text[i] == '{').ToList();
        return braces.Count == 0 ? text : text.Insert(braces[random.Next(braces.Count)] + 1, insert);
    }

    private static string ReplaceValue(Random random, string text, string value)
    {
        var matches = JsonValue().Matches(text);
        if (matches.Count == 0)
        {
            return text;
        }

        var match = matches[random.Next(matches.Count)];
        return string.Concat(text.AsSpan(0, match.Index), ": ", value, text.AsSpan(match.Index + match.Length));
    }

    [GeneratedRegex(@"""id"": ""[^""]*""")]
    private static partial Regex IdValue();

    /// <summary>A property's value: a string, number, literal, or an opening bracket or brace.</summary>
    [GeneratedRegex("""\s*:\s*("(?:[^"\\]|\\.)*"|-?[0-9][0-9.eE+-]*|true|false|null|\[\]|\{\})""")]
    private static partial Regex JsonValue();
}
