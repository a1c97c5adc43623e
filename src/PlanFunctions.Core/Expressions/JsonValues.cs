using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PlanFunctions.Core.Expressions;

/// <summary>
/// The value semantics conditions and templates share: equality, ordering, truthiness and text, all total
/// (they never throw for any JSON).
/// </summary>
internal static class JsonValues
{
    public static JsonElement Null { get; } = Literal("null");

    public static JsonElement True { get; } = Literal("true");

    public static JsonElement False { get; } = Literal("false");

    public static JsonElement FromBoolean(bool value) => value ? True : False;

    public static JsonElement FromInt32(int value) => Literal(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Makes a JSON string; the text must not hold unpaired surrogates (the parsers reject those).</summary>
    public static JsonElement FromString(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(value);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>Makes a JSON value from JSON text the caller has already checked.</summary>
    public static JsonElement Literal(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// The text of a string. A string whose escapes spell an unpaired surrogate cannot become a .NET string; it is
    /// read as its JSON text instead, so nothing throws.
    /// </summary>
    public static string Text(JsonElement value)
    {
        try
        {
            return value.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            return value.GetRawText();
        }
    }

    /// <summary>Whether a value counts as true: non-zero numbers and non-empty strings, arrays and objects.</summary>
    public static bool IsTruthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => !JsonNumber.Parse(value.GetRawText()).IsZero,
        JsonValueKind.String => Text(value).Length > 0,
        JsonValueKind.Array => value.GetArrayLength() > 0,
        JsonValueKind.Object => value.EnumerateObject().Any(),
        _ => false,
    };

    /// <summary>Deep equality: numbers by value, objects regardless of property order, different types never equal.</summary>
    public static bool AreEqual(JsonElement left, JsonElement right)
    {
        if (left.ValueKind != right.ValueKind)
        {
            return false;
        }

        return left.ValueKind switch
        {
            JsonValueKind.Number => JsonNumber.Parse(left.GetRawText()).CompareTo(JsonNumber.Parse(right.GetRawText())) == 0,
            JsonValueKind.String => string.Equals(Text(left), Text(right), StringComparison.Ordinal),
            JsonValueKind.Array or JsonValueKind.Object => ContainersEqual(left, right),
            _ => true,
        };
    }

    /// <summary>Orders two numbers or two strings (ordinally); <see langword="null"/> for anything else.</summary>
    public static int? Compare(JsonElement left, JsonElement right) => (left.ValueKind, right.ValueKind) switch
    {
        (JsonValueKind.Number, JsonValueKind.Number) => JsonNumber.Parse(left.GetRawText()).CompareTo(JsonNumber.Parse(right.GetRawText())),
        (JsonValueKind.String, JsonValueKind.String) => Math.Sign(string.CompareOrdinal(Text(left), Text(right))),
        _ => null,
    };

    /// <summary>The number of characters (Unicode scalar values) of a string, items of an array or properties of an object.</summary>
    public static int? Length(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => CountRunes(Text(value)),
        JsonValueKind.Array => value.GetArrayLength(),
        JsonValueKind.Object => value.EnumerateObject().Count(),
        _ => null,
    };

    /// <summary>
    /// Compact JSON of a value, without escaping non-ASCII text, as templates write values into strings. A value holding
    /// a string whose escapes spell an unpaired surrogate cannot be re-encoded; it comes back as its JSON text as is.
    /// </summary>
    public static string CompactJson(JsonElement value)
    {
        try
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
            {
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                SkipValidation = true,
            }))
            {
                value.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        catch (InvalidOperationException)
        {
            return value.GetRawText();
        }
    }

    private static int CountRunes(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static bool ContainersEqual(JsonElement left, JsonElement right)
    {
        try
        {
            return JsonElement.DeepEquals(left, right);
        }
        catch (InvalidOperationException)
        {
            // Strings with unpaired-surrogate escapes cannot be unescaped; compare such values by their JSON text.
            return string.Equals(left.GetRawText(), right.GetRawText(), StringComparison.Ordinal);
        }
    }

    /// <summary>A JSON number as sign, significant digits and a decimal exponent: exact, whatever its size.</summary>
    private readonly record struct JsonNumber(bool Negative, string Digits, long Exponent)
    {
        public bool IsZero => Digits.Length == 0;

        /// <summary>Reads JSON number text; the value is 0.Digits × 10^Exponent.</summary>
        public static JsonNumber Parse(string text)
        {
            var pos = 0;
            var negative = text.Length > 0 && text[0] == '-';
            if (negative)
            {
                pos++;
            }

            var digits = new StringBuilder();
            var pointAt = -1;
            for (; pos < text.Length && (char.IsAsciiDigit(text[pos]) || text[pos] == '.'); pos++)
            {
                if (text[pos] == '.')
                {
                    pointAt = digits.Length;
                }
                else
                {
                    digits.Append(text[pos]);
                }
            }

            var exponent = 0L;
            if (pos < text.Length && text[pos] is 'e' or 'E')
            {
                exponent = ReadExponent(text.AsSpan(pos + 1));
            }

            var all = digits.ToString();
            var integerDigits = pointAt < 0 ? all.Length : pointAt;
            var significant = all.TrimStart('0');
            integerDigits -= all.Length - significant.Length;
            significant = significant.TrimEnd('0');
            return new JsonNumber(negative && significant.Length > 0, significant, exponent + integerDigits);
        }

        /// <summary>
        /// Reads an exponent, saturating at ±10^17: numbers beyond that differ only in their digits, which is
        /// exact enough for any real data and keeps a thousand-digit exponent cheap.
        /// </summary>
        private static long ReadExponent(ReadOnlySpan<char> text)
        {
            const long Saturated = 100_000_000_000_000_000;
            var negative = text.Length > 0 && text[0] == '-';
            if (text.Length > 0 && text[0] is '-' or '+')
            {
                text = text[1..];
            }

            var value = 0L;
            foreach (var c in text)
            {
                value = value >= Saturated ? Saturated : Math.Min(Saturated, (value * 10) + (c - '0'));
            }

            return negative ? -value : value;
        }

        public int CompareTo(JsonNumber other)
        {
            var sign = Sign;
            if (sign != other.Sign)
            {
                return sign.CompareTo(other.Sign);
            }

            if (sign == 0)
            {
                return 0;
            }

            var magnitude = Exponent != other.Exponent
                ? Exponent.CompareTo(other.Exponent)
                : Math.Sign(string.CompareOrdinal(Digits, other.Digits));
            return sign * magnitude;
        }

        private int Sign => IsZero ? 0 : Negative ? -1 : 1;
    }
}
