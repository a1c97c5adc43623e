using System.Collections.Frozen;

namespace PlanFunctions.Viewer.Assets;

/// <summary>The stylesheet and script of the viewer's pages, embedded in this assembly: nothing is fetched from elsewhere.</summary>
public static class ViewerAssets
{
    private static readonly IReadOnlyDictionary<string, string> CacheHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Cache-Control"] = "private, max-age=300",
        ["X-Content-Type-Options"] = "nosniff",
    };

    private static readonly FrozenDictionary<string, ViewerResponse> Assets = Load();

    /// <summary>The names of the assets: <c>viewer.css</c>, <c>run.js</c>.</summary>
    public static IReadOnlyCollection<string> Names => Assets.Keys;

    /// <summary>An asset by name, or <see langword="null"/> for a name that is not one.</summary>
    public static ViewerResponse? Find(string name) => Assets.GetValueOrDefault(name);

    private static FrozenDictionary<string, ViewerResponse> Load()
    {
        const string prefix = "PlanFunctions.Viewer.Assets.";
        var assembly = typeof(ViewerAssets).Assembly;
        var assets = new Dictionary<string, ViewerResponse>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[prefix.Length..];
            var type = name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            assets[name] = new ViewerResponse(200, type, copy.ToArray(), CacheHeaders);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
