using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PlanFunctions.Core.Tools;
using PlanFunctions.Tools.Abstractions;
using PlanFunctions.Tools.Ai;
using PlanFunctions.Tools.Registry;
using PlanFunctions.Tools.Tests.TestSupport;

namespace PlanFunctions.Tools.Tests.AzureOpenAI;

/// <summary>
/// The tools and the run assistant as a host gets them: AddPlanFunctionsTools, the engine's plain assistant, then
/// AddPlanFunctionsAzureOpenAI pointed at a fake endpoint; every log line is kept.
/// </summary>
internal sealed class AzureOpenAITestHost : IDisposable
{
    private readonly ServiceProvider _services;

    public AzureOpenAITestHost(Uri endpoint, Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureOpenAI:Endpoint"] = endpoint.ToString(),
                ["AzureOpenAI:Deployment"] = FakeAzureOpenAI.Deployment,
                ["AzureOpenAI:ApiKey"] = FakeAzureOpenAI.ApiKey,
            })
            .AddInMemoryCollection(settings ?? [])
            .Build();
        _services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace))
            .AddPlanFunctionsTools()
            .AddSingleton<IRunAssistant, PlainRunAssistant>()
            .AddPlanFunctionsAzureOpenAI(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Assert.True(_services.GetRequiredService<ToolRegistry>().TryGetTool(BuiltInToolNames.AiChat, out var tool));
        Tool = tool;
        Assistant = _services.GetRequiredService<IRunAssistant>();
    }

    public CapturingLoggerProvider Logs { get; } = new();

    public IPlanTool Tool { get; }

    public IRunAssistant Assistant { get; }

    public void Dispose() => _services.Dispose();
}
