using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.FileProviders;

namespace PlanFunctions.Host.Configuration;

/// <summary>Configuration read the Azure Functions way.</summary>
public static class PlanFunctionsConfigurationExtensions
{
    /// <summary>
    /// Adds <c>host.json</c> and <c>local.settings.json</c> from the content root, both optional, placed before the
    /// environment variables and the command line so that those override them.
    /// </summary>
    public static ConfigurationManager AddPlanFunctionsConfiguration(this ConfigurationManager configuration, string contentRootPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
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
