using Microsoft.Extensions.Configuration;
using PlanFunctions.Runtime.Configuration;
using PlanFunctions.Tools.AzureOpenAI;

namespace PlanFunctions.Cli.Engine;

/// <summary>
/// The settings of the embedded engine, read from the same places as the service reads them: <c>host.json</c> and
/// <c>local.settings.json</c> in the current folder, then the environment (<c>__</c> for <c>:</c>), which wins.
/// </summary>
internal static class EngineConfiguration
{
    /// <summary>Reads the settings from <paramref name="directory"/> and the environment.</summary>
    public static IConfigurationRoot Read(string directory) =>
        new ConfigurationBuilder()
            .AddPlanFunctionsConfiguration(directory)
            .AddEnvironmentVariables()
            .Build();

    /// <summary>The Azure OpenAI deployment the settings name, as a line for the user, or <see langword="null"/> when AI is off.</summary>
    public static string? DescribeAi(IConfiguration configuration)
    {
        var section = configuration.GetSection(AzureOpenAIOptions.SectionName);
        var endpoint = section[nameof(AzureOpenAIOptions.Endpoint)];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        var credential = string.IsNullOrWhiteSpace(section[nameof(AzureOpenAIOptions.ApiKey)]) ? "Microsoft Entra ID" : "an API key";
        return $"AI conditions and ai.chat steps use the Azure OpenAI deployment '{section[nameof(AzureOpenAIOptions.Deployment)]}' at {endpoint} (with {credential})";
    }
}
