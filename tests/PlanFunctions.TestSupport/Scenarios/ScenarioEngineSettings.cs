namespace PlanFunctions.TestSupport.Scenarios;

/// <summary>What an engine under the scenario suite must be started with: an Azure OpenAI deployment on the scenario world and a small output limit.</summary>
/// <param name="AzureOpenAIEndpoint">The <c>AzureOpenAI:Endpoint</c> setting: the scenario world.</param>
/// <param name="MaxStepOutputBytes">The largest step output in bytes; the suite's plans exceed it on purpose.</param>
public sealed record ScenarioEngineSettings(Uri AzureOpenAIEndpoint, int MaxStepOutputBytes)
{
    /// <summary>The <c>AzureOpenAI:Deployment</c> setting.</summary>
    public string AzureOpenAIDeployment => ScenarioWorld.Deployment;

    /// <summary>The <c>AzureOpenAI:ApiKey</c> setting.</summary>
    public string AzureOpenAIApiKey => ScenarioWorld.ApiKey;

    /// <summary>The settings as configuration keys and values, as both engines read them (the output limit aside, whose key differs).</summary>
    public IDictionary<string, string?> AzureOpenAIConfiguration => new Dictionary<string, string?>
    {
        ["AzureOpenAI:Endpoint"] = AzureOpenAIEndpoint.ToString(),
        ["AzureOpenAI:Deployment"] = AzureOpenAIDeployment,
        ["AzureOpenAI:ApiKey"] = AzureOpenAIApiKey,
        ["AzureOpenAI:Timeout"] = "00:00:30",
    };
}
