using System.Net;
using System.Text;

namespace PlanFunctions.Viewer.Pages;

/// <summary>The frame every viewer page shares, and the headers it is served with.</summary>
internal static class HtmlPage
{
    public const string ContentType = "text/html; charset=utf-8";

    // Everything comes from the service itself; the pages' URLs carry the key, so no referrer leaves them.
    private static readonly Dictionary<string, string> PageHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Content-Security-Policy"] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ["X-Content-Type-Options"] = "nosniff",
        ["Referrer-Policy"] = "no-referrer",
        ["Cache-Control"] = "no-store",
    };

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static ViewerResponse Answer(int statusCode, IRunViewerLinks links, string title, string body, string? script = null)
    {
        var scriptTag = script is null ? string.Empty : $"""<script src="{Encode(links.Asset(script))}" defer></script>""";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)} · PlanFunctions</title>
            <link rel="stylesheet" href="{Encode(links.Asset("viewer.css"))}">
            {scriptTag}
            </head>
            <body>
            <nav class="site"><a href="{Encode(links.RunList(null))}">PlanFunctions · Runs</a></nav>
            {body}
            </body>
            </html>
            """;
        return new ViewerResponse(statusCode, ContentType, Encoding.UTF8.GetBytes(html), PageHeaders);
    }

    public static ViewerResponse Problem(int statusCode, IRunViewerLinks links, string title, string message) =>
        Answer(statusCode, links, title, $"""<main class="problem"><h1>{Encode(title)}</h1><p>{Encode(message)}</p><p><a href="{Encode(links.RunList(null))}">All runs</a></p></main>""");
}
