using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PlanFunctions.Runtime.Storage;

/// <summary>Turns arbitrary text into legal, collision-free Azure Table partition and row keys.</summary>
internal static class TableKeys
{
    /// <summary>Starts an escape: '~' and four hex digits of the UTF-16 code unit.</summary>
    public const char EscapeChar = '~';

    /// <summary>Joins escaped parts of a key; always escaped inside a part, so it cannot occur there.</summary>
    public const char Separator = '|';

    /// <summary>How much of a too-long key is kept readable before its hash; a shorter prefix is a prefix of the key.</summary>
    public const int KeptHeadLength = 300;

    // Keys may be 1 KiB (512 UTF-16 characters); longer ones keep a readable head and a hash of the whole.
    private const int MaxKeyLength = 400;

    /// <summary>
    /// Escapes the characters Table keys forbid (/ \ # ? and control characters), the escape and separator characters,
    /// and those that are awkward in request URLs (' and %), plus any <paramref name="alsoEscape"/>.
    /// </summary>
    public static string Escape(string text, char? alsoEscape = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (MustEscape(c) || c == alsoEscape)
            {
                builder ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
                builder.Append(EscapeChar).Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>Joins escaped parts with <see cref="Separator"/> and keeps the result within the key length limit.</summary>
    public static string Compose(params ReadOnlySpan<string> parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            if (builder.Length > 0)
            {
                builder.Append(Separator);
            }

            builder.Append(Escape(part));
        }

        return Limit(builder.ToString());
    }

    /// <summary>
    /// Keeps a key within the limit: a longer one becomes its head plus a SHA-256 of the whole, which is unique in
    /// practice and still sorts near its readable prefix.
    /// </summary>
    public static string Limit(string key)
    {
        if (key.Length <= MaxKeyLength)
        {
            return key;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var head = char.IsHighSurrogate(key[KeptHeadLength - 1]) ? KeptHeadLength - 1 : KeptHeadLength;
        return string.Concat(key.AsSpan(0, head), EscapeChar.ToString(), "h", hash);
    }

    private static bool MustEscape(char c) =>
        c is '/' or '\\' or '#' or '?' or '\'' or '%' or EscapeChar or Separator || char.IsControl(c);
}
