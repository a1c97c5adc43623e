namespace PlanFunctions.Core.Tests.Fuzzing;

/// <summary>The values fuzzing puts where a plan expects something sensible.</summary>
internal static class AdversarialValues
{
    /// <summary>JSON values: huge and tiny numbers, odd Unicode (lone surrogates, NUL, astral), long and empty text, wrong shapes.</summary>
    public static readonly string[] Json =
    [
        "1e400", "-1e400", "1e-400", "123456789012345678901234567890123456789", "-0", "0.0000000000000000000001", "4294967297",
        "\"\\ud800\"", "\"\\udc00x\"", "\"a\\u0000b\"", "\"\U0001D54F\"", "\"\u202Eevil\"", "\"\"", "\" \"", "\"" + new string('a', 65) + "\"",
        "\"" + new string('é', 5000) + "\"", "[]", "{}", "null", "true", "false", "[1, \"two\", null]", "{ \"nope\": 1 }",
        "\"{{ steps.a.output }}\"", "\"{{ input.x \"", "\"steps.a.status == 'Succeeded'\"", "\"((((((\"",
    ];

    /// <summary>Step ids, good and bad: too long, odd Unicode, empty, path-like.</summary>
    public static readonly string[] Ids =
    [
        "a", "b-2", "c_3", new string('x', 64), new string('y', 65), new string('z', 1000), "", "1st", "a.b", "a b", "ünï", "\\ud800", "a\\u0000", "\U0001D54F",
    ];

    public static string Pick(this Random random, string[] values) => values[random.Next(values.Length)];

    /// <summary>Text of random characters from every plane, surrogate halves and controls included.</summary>
    public static string NoiseText(this Random random, int maxLength)
    {
        var chars = new char[random.Next(maxLength + 1)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = random.Next(4) switch
            {
                0 => (char)random.Next(0x20, 0x7F),
                1 => (char)random.Next(0, 0x20),
                2 => (char)random.Next(0xD800, 0xE000),
                _ => (char)random.Next(0x80, 0x10000),
            };
        }

        return new string(chars);
    }
}
