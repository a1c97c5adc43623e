using System.Text.Json;
using PlanFunctions.Tools.Parameters;

namespace PlanFunctions.Tools.Http;

/// <summary>The <c>http</c> tool's parameters, read and checked.</summary>
internal sealed record HttpRequestParameters(
    string Method,
    Uri? Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    JsonElement? Body,
    double? TimeoutSeconds)
{
    public const string MethodName = "method";
    public const string UrlName = "url";
    public const string HeadersName = "headers";
    public const string BodyName = "body";
    public const string TimeoutSecondsName = "timeoutSeconds";

    public static HttpRequestParameters Read(ParameterReader reader)
    {
        reader.RejectUnknown(MethodName, UrlName, HeadersName, BodyName, TimeoutSecondsName);

        var method = reader.Text(MethodName, required: false, nonEmpty: true);
        if (method is not null && !IsToken(method))
        {
            reader.Problem(MethodName, $"'{method}' is not an HTTP method");
            method = null;
        }

        var url = ReadUrl(reader);
        var headers = ReadHeaders(reader);
        JsonElement? body = reader.TryGetValue(BodyName, out var value) ? value : null;
        var timeoutSeconds = reader.PositiveNumber(TimeoutSecondsName, required: false, HttpToolOptions.MaxTimeoutSeconds);

        return new HttpRequestParameters((method ?? "GET").ToUpperInvariant(), url, headers, body, timeoutSeconds);
    }

    private static Uri? ReadUrl(ParameterReader reader)
    {
        var text = reader.Text(UrlName, required: true, nonEmpty: true);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            reader.Problem(UrlName, $"must be an absolute http or https URL, not '{text}'");
            return null;
        }

        return url;
    }

    private static List<KeyValuePair<string, string>> ReadHeaders(ParameterReader reader)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (!reader.TryGetValue(HeadersName, out var value) || reader.IsTemplate(value))
        {
            return headers;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            reader.Problem(HeadersName, $"must be an object of header names and string values, not {ParameterReader.Describe(value.ValueKind)}");
            return headers;
        }

        foreach (var header in value.EnumerateObject())
        {
            // The value is never written into a message: headers carry keys and tokens.
            var property = $"{HeadersName}.{header.Name}";
            if (!IsToken(header.Name))
            {
                reader.Problem(property, "is not a valid header name");
                continue;
            }

            var text = header.Value.ValueKind switch
            {
                JsonValueKind.String => header.Value.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => header.Value.GetRawText(),
                _ => null,
            };
            if (text is null)
            {
                reader.Problem(property, $"must be a string, not {ParameterReader.Describe(header.Value.ValueKind)}");
            }
            else if (text.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                reader.Problem(property, "must not hold a line break or a NUL character");
            }
            else
            {
                headers.Add(new(header.Name, text));
            }
        }

        return headers;
    }

    /// <summary>Whether text is an RFC 9110 token, as HTTP method and header names are.</summary>
    private static bool IsToken(string text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return text.Length > 0;
    }
}
