using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;

namespace PlanFunctions.Runtime.Configuration;

/// <summary>
/// <c>local.settings.json</c> as Azure Functions Core Tools reads it: the <c>Values</c> object's entries become
/// configuration keys (with <c>__</c> read as <c>:</c>, as in environment variables), and
/// <c>ConnectionStrings</c> become <c>ConnectionStrings:name</c>. The file is optional.
/// </summary>
public sealed class LocalSettingsConfigurationSource : IConfigurationSource
{
    /// <summary>The file's name, relative to <see cref="FileProvider"/>.</summary>
    public string Path { get; init; } = "local.settings.json";

    /// <summary>Where the file is looked for: the content root.</summary>
    public required IFileProvider FileProvider { get; init; }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new LocalSettingsConfigurationProvider(this);
}
