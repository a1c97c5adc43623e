using System.Text;

namespace PlanFunctions.Core.Tests.Fuzzing;

/// <summary>Condition expressions for fuzzing: random token soups that are sometimes valid, and mutated valid ones.</summary>
internal static class ExpressionInputs
{
    public static readonly string[] Seeds =
    [
        "steps.a.status == 'Succeeded'",
        "input.n > 3 && !(input.flag == false) || length(input.list) >= 2",
        "contains(steps.a.output.tags, 'x') && exists(steps.b.output['odd key'][0])",
        "input.big == 1e400 || input.s < 'm' || input.items[1].name != null",
    ];

    private static readonly string[] Tokens =
    [
        "steps.a.output", "steps.b.status", "input.n", "input.list", "input.big", "input.s", "input.items[1].name", "input['odd key']",
        "input.list[99999999999999999999]", "input.list[-1]", $"steps.{new string('a', 65)}.output", "run.instanceId", "input.\ud800",
        "1", "-0", "1e400", "-1e400", "1e-400", "123456789012345678901234567890", "0.1", "'text'", "'\ud800'", "'\u0000'", "'it''s'", "\"dq\"",
        "true", "false", "null", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "!", "(", ")", "[", "]", ",", ".",
        "exists(", "contains(", "length(", "unknown(", " ", "'", "\\", "{{", "}}", "\U0001D54F", "\u202E",
    ];

    public static string Generate(Random random)
    {
        switch (random.Next(6))
        {
            case 0:
                var depth = random.Next(2) == 0 ? random.Next(95, 105) : random.Next(1, 3_000);
                var open = random.Pick(["(", "!", "length(", "!("]);
                return string.Concat(Enumerable.Repeat(open, depth)) + random.Pick(Tokens) + new string(')', random.Next(depth + 1));
            case 1:
                return random.NoiseText(60);
            case 2:
                var seed = random.Pick(Seeds);
                var at = random.Next(seed.Length + 1);
                return random.Next(2) == 0 ? seed[..at] : seed[..at] + random.Pick(Tokens) + seed[at..];
            default:
                var text = new StringBuilder();
                for (var i = random.Next(1, 30); i > 0; i--)
                {
                    text.Append(random.Pick(Tokens)).Append(random.Next(3) == 0 ? " " : string.Empty);
                }

                return text.ToString();
        }
    }
}
