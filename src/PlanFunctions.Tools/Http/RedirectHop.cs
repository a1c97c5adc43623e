using System.Text.Json;

namespace PlanFunctions.Tools.Http;

/// <summary>One request of the chain a redirect makes: what is sent where.</summary>
internal sealed record RedirectHop(string Method, Uri Url, JsonElement? Body, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>Headers sent on to another origin; any other may be a credential meant for the first one.</summary>
    private static readonly HashSet<string> CrossOriginHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Accept", "Accept-Language", "User-Agent", "Content-Type", "Content-Language",
    };

    /// <summary>The request a redirect with <paramref name="status"/> to <paramref name="target"/> makes, as browsers and HttpClient make it.</summary>
    public RedirectHop RedirectTo(Uri target, int status)
    {
        // 303 always, and 301 and 302 for a POST, turn into a GET without a body; 307 and 308 repeat the request as it was.
        var toGet = (status == 303 && Method != "HEAD") || (status is 301 or 302 && Method == "POST");
        var sameOrigin = Uri.Compare(Url, target, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;
        var headers = Headers
            .Where(h => sameOrigin || CrossOriginHeaders.Contains(h.Key))
            .Where(h => !toGet || !IsContentHeader(h.Key))
            .ToList();
        return new RedirectHop(toGet ? "GET" : Method, target, toGet ? null : Body, headers);
    }

    private static bool IsContentHeader(string name) =>
        name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Expires", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Last-Modified", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Allow", StringComparison.OrdinalIgnoreCase);
}
