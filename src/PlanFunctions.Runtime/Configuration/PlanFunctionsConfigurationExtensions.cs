using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.FileProviders;

namespace PlanFunctions.Runtime.Configuration;

/// <summary>Configuration read the Azure Functions way, by the service and by the command line's embedded engine alike.</summary>
public static class PlanFunctionsConfigurationExtensions
{
    /// <summary>
    /// Adds <c>host.json</c> and <c>local.settings.json</c> from the content root, both optional, placed before the
    /// environment variables and the command line so that those override them.
    /// </summary>
    public static TBuilder AddPlanFunctionsConfiguration<TBuilder>(this TBuilder configuration, string contentRootPath)
        where TBuilder : IConfigurationBuilder
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(contentRootPath);
        var files = new PhysicalFileProvider(contentRootPath);
        IConfigurationSource[] ours =
        [
            new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = "host.json",
                Optional = true,
                ReloadOnChange = false,
                FileProvider = files,
            },
            new LocalSettingsConfigurationSource { FileProvider = files },
        ];

        IList<IConfigurationSource> sources = configuration.Sources;
        var index = FirstOverridingSource(sources);
        foreach (var source in ours.Reverse())
        {
            sources.Insert(index, source);
        }

        return configuration;
    }

    /// <summary>The position of the unprefixed environment variables, or of the command line, or the end.</summary>
    private static int FirstOverridingSource(IList<IConfigurationSource> sources)
    {
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource { Prefix: null or "" }
                || sources[i] is Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationSource)
            {
                return i;
            }
        }

        return sources.Count;
    }
}
