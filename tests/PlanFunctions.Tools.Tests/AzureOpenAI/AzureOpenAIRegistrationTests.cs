using Azure.AI.OpenAI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PlanFunctions.Core.Tools;
using PlanFunctions.Tools.Ai;
using PlanFunctions.Tools.AzureOpenAI;
using PlanFunctions.Tools.Registry;
using PlanFunctions.Tools.Tests.TestSupport;

namespace PlanFunctions.Tools.Tests.AzureOpenAI;

public sealed class AzureOpenAIRegistrationTests
{
    private static readonly Dictionary<string, string?> Configured = new()
    {
        ["AzureOpenAI:Endpoint"] = "https://my-resource.openai.azure.com/",
        ["AzureOpenAI:Deployment"] = FakeAzureOpenAI.Deployment,
        ["AzureOpenAI:ApiKey"] = FakeAzureOpenAI.ApiKey,
    };

    [Fact]
    public void Without_an_endpoint_nothing_changes_and_ai_chat_is_refused_with_the_reason()
    {
        using var services = Build(new() { ["AzureOpenAI:Deployment"] = "gpt-test" }, engineFirst: true);

        var assistant = services.GetRequiredService<IRunAssistant>();
        Assert.IsType<PlainRunAssistant>(assistant);
        Assert.False(assistant.IsConfigured);
        Assert.False(services.GetRequiredService<ToolRegistry>().IsAvailable(BuiltInToolNames.AiChat, out var reason));
        Assert.Equal(ToolRegistry.AiChatUnavailableReason, reason);
        Assert.Null(services.GetService<AzureOpenAIClient>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void With_an_endpoint_the_Azure_assistant_and_ai_chat_are_registered_whatever_the_order(bool engineFirst)
    {
        using var services = Build(Configured, engineFirst);

        var assistant = services.GetRequiredService<IRunAssistant>();
        Assert.IsType<AzureOpenAIRunAssistant>(assistant);
        Assert.True(assistant.IsConfigured);
        var registry = services.GetRequiredService<ToolRegistry>();
        Assert.True(registry.IsAvailable(BuiltInToolNames.AiChat, out var reason), reason);
        Assert.True(registry.TryGetTool(BuiltInToolNames.AiChat, out var tool));
        Assert.IsType<AiChatTool>(tool);
    }

    [Fact]
    public void Calling_it_twice_registers_ai_chat_once()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Configured).Build();
        using var services = new ServiceCollection()
            .AddLogging()
            .AddPlanFunctionsTools()
            .AddPlanFunctionsAzureOpenAI(configuration)
            .AddPlanFunctionsAzureOpenAI(configuration)
            .BuildServiceProvider();

        Assert.True(services.GetRequiredService<ToolRegistry>().TryGetTool(BuiltInToolNames.AiChat, out _));
        Assert.Single(services.GetServices<IRunAssistant>());
    }

    [Fact]
    public void Without_a_key_the_client_is_built_for_a_Microsoft_Entra_token()
    {
        var settings = new Dictionary<string, string?>(Configured) { ["AzureOpenAI:ApiKey"] = null };
        using var services = Build(settings, engineFirst: true);

        Assert.NotNull(services.GetRequiredService<AzureOpenAIClient>());
        Assert.IsType<AzureOpenAIRunAssistant>(services.GetRequiredService<IRunAssistant>());
    }

    [Fact]
    public void The_options_are_bound_from_the_AzureOpenAI_section()
    {
        var settings = new Dictionary<string, string?>(Configured) { ["AzureOpenAI:MaxOutputTokens"] = "800", ["AzureOpenAI:Timeout"] = "00:00:30" };
        using var services = Build(settings, engineFirst: true);

        var options = services.GetRequiredService<IOptions<AzureOpenAIOptions>>().Value;

        Assert.Equal(
            ("https://my-resource.openai.azure.com/", FakeAzureOpenAI.Deployment, 800, TimeSpan.FromSeconds(30)),
            (options.Endpoint, options.Deployment, options.MaxOutputTokens, options.Timeout));
    }

    [Fact]
    public async Task Invalid_options_stop_the_host_at_start_up_naming_every_setting_but_never_the_key()
    {
        using var host = BuildHost(new()
        {
            ["AzureOpenAI:Endpoint"] = "my-resource.openai.azure.com",
            ["AzureOpenAI:ApiKey"] = FakeAzureOpenAI.ApiKey,
            ["AzureOpenAI:MaxOutputTokens"] = "0",
            ["AzureOpenAI:Timeout"] = "-00:00:01",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            [
                "AzureOpenAI:Endpoint must be an absolute https or http URI, not 'my-resource.openai.azure.com'",
                "AzureOpenAI:Deployment is required when AzureOpenAI:Endpoint is set",
                "AzureOpenAI:MaxOutputTokens must be at least 1, not 0",
                "AzureOpenAI:Timeout must be greater than 0 and at most 01:00:00, not -00:00:01",
            ],
            error.Failures);
        Assert.DoesNotContain(FakeAzureOpenAI.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_endpoint_needs_a_key_since_a_token_goes_over_TLS_only()
    {
        using var host = BuildHost(new() { ["AzureOpenAI:Endpoint"] = "http://my-resource.local/", ["AzureOpenAI:Deployment"] = "gpt-test" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            "AzureOpenAI:Endpoint must be https when AzureOpenAI:ApiKey is not set: the Microsoft Entra token of DefaultAzureCredential is sent over TLS only",
            Assert.Single(error.Failures));
    }

    [Fact]
    public async Task A_deployment_name_that_would_change_the_path_is_refused()
    {
        using var host = BuildHost(new(Configured) { ["AzureOpenAI:Deployment"] = "gpt/../other" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.StartsWith("AzureOpenAI:Deployment must be a deployment name", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_options_let_the_host_start_and_the_key_is_in_no_log_line()
    {
        var logs = new CapturingLoggerProvider();
        using var host = BuildHost(Configured, logs);

        await host.StartAsync();
        await host.StopAsync();

        Assert.DoesNotContain(logs.Lines, line => line.Contains(FakeAzureOpenAI.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public void The_options_text_says_whether_a_key_is_set_but_not_what_it_is()
    {
        var options = new AzureOpenAIOptions { Endpoint = "https://my-resource.openai.azure.com/", Deployment = "gpt-test", ApiKey = FakeAzureOpenAI.ApiKey };

        var text = options.ToString();

        Assert.Contains("ApiKey = (set)", text, StringComparison.Ordinal);
        Assert.Contains("Deployment = gpt-test", text, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAzureOpenAI.ApiKey, text, StringComparison.Ordinal);
    }

    /// <summary>The services as a host has them; the engine registers its plain assistant with TryAdd, before or after.</summary>
    private static ServiceProvider Build(Dictionary<string, string?> settings, bool engineFirst)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddPlanFunctionsTools();
        if (engineFirst)
        {
            services.TryAddSingleton<IRunAssistant, PlainRunAssistant>();
        }

        services.AddPlanFunctionsAzureOpenAI(configuration);
        services.TryAddSingleton<IRunAssistant, PlainRunAssistant>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static IHost BuildHost(Dictionary<string, string?> settings, CapturingLoggerProvider? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        }

        builder.Services.AddPlanFunctionsTools().AddPlanFunctionsAzureOpenAI(builder.Configuration);
        return builder.Build();
    }
}
