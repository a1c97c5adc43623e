using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlanFunctions.Core.Tools;
using PlanFunctions.Tools.Http;
using PlanFunctions.Tools.Registry;
using PlanFunctions.Tools.Tests.TestSupport;

namespace PlanFunctions.Tools.Tests.DependencyInjection;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public void The_built_in_tools_are_registered_and_the_catalog_is_the_registry()
    {
        using var services = new ServiceCollection().AddPlanFunctionsTools().BuildServiceProvider(validateScopes: true);

        var registry = services.GetRequiredService<ToolRegistry>();
        Assert.Same(registry, services.GetRequiredService<IToolCatalog>());
        Assert.All(
            [BuiltInToolNames.Echo, BuiltInToolNames.Delay, BuiltInToolNames.Fail, BuiltInToolNames.Http],
            name => Assert.True(registry.TryGetTool(name, out _), name));
    }

    [Fact]
    public async Task A_user_tool_registered_through_DI_is_found_checked_and_run()
    {
        using var services = new ServiceCollection().AddPlanFunctionsTools().AddPlanFunctionsTool<ShoutTool>().BuildServiceProvider();
        var catalog = services.GetRequiredService<IToolCatalog>();
        var registry = services.GetRequiredService<ToolRegistry>();

        Assert.True(catalog.IsAvailable("shout", out _));
        Assert.Contains("shout", catalog.ToolNames);
        Assert.Equal(("text", "is required"), Assert.Single(catalog.CheckParameters("shout", Json.Parse("{}"))));
        Assert.True(registry.TryGetTool("shout", out var tool));
        var result = await tool.ExecuteAsync(Json.Invocation("""{ "text": "hello" }"""), CancellationToken.None);
        Assert.Equal("HELLO", result.Output.GetString());
    }

    [Fact]
    public void A_user_tool_that_takes_a_built_in_name_fails_when_the_registry_is_built()
    {
        using var services = new ServiceCollection()
            .AddPlanFunctionsTools()
            .AddSingleton<PlanFunctions.Tools.Abstractions.IPlanTool>(new NamedTool("http"))
            .BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IToolCatalog>());

        Assert.Contains("two tools are named 'http'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_TimeProvider_registered_before_is_kept_for_the_tools()
    {
        var time = new FakeTimeProvider();
        using var services = new ServiceCollection().AddSingleton<TimeProvider>(time).AddPlanFunctionsTools().BuildServiceProvider();
        Assert.True(services.GetRequiredService<ToolRegistry>().TryGetTool(BuiltInToolNames.Delay, out var delay));

        var running = delay.ExecuteAsync(Json.Invocation("""{ "milliseconds": 60000 }"""), CancellationToken.None);
        Assert.False(running.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.True((await running.WaitAsync(TimeSpan.FromSeconds(10))).Succeeded);
    }

    [Fact]
    public void Http_options_are_bound_from_configuration()
    {
        using var host = BuildHost(new() { ["PlanFunctions:Tools:Http:MaxResponseBytes"] = "2048", ["PlanFunctions:Tools:Http:DefaultTimeoutSeconds"] = "7.5" });

        var options = host.Services.GetRequiredService<IOptions<HttpToolOptions>>().Value;

        Assert.Equal((2048, 7.5), (options.MaxResponseBytes, options.DefaultTimeoutSeconds));
    }

    [Fact]
    public void Http_options_default_to_one_MiB_and_100_seconds()
    {
        using var services = new ServiceCollection().AddPlanFunctionsTools().BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<HttpToolOptions>>().Value;

        Assert.Equal((1024 * 1024, 100.0), (options.MaxResponseBytes, options.DefaultTimeoutSeconds));
    }

    [Fact]
    public async Task Invalid_http_options_stop_the_host_at_start_up_naming_every_key()
    {
        using var host = BuildHost(new() { ["PlanFunctions:Tools:Http:MaxResponseBytes"] = "0", ["PlanFunctions:Tools:Http:DefaultTimeoutSeconds"] = "-1" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PlanFunctions:Tools:Http:MaxResponseBytes must be at least 1, not 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("PlanFunctions:Tools:Http:DefaultTimeoutSeconds must be greater than 0", error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddPlanFunctionsTools();
        return builder.Build();
    }
}
