using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlanFunctions.Client.Api;
using PlanFunctions.DurableTask.Hosting;
using PlanFunctions.Functions.Hosting;
using Xunit.Abstractions;

namespace PlanFunctions.Functions.Tests.Publishing;

/// <summary>What the Functions host would load from the published app: its functions, their triggers, the extension, the settings.</summary>
public sealed class PublishedAppTests(PublishedApp app, ITestOutputHelper output) : IClassFixture<PublishedApp>
{
    public static TheoryData<string, string, string> Triggers => new()
    {
        { "RunPlan", "orchestrationTrigger", "PlanFunctions.Functions.Orchestration.RunPlanFunction.RunAsync" },
        { "ExecuteStep", "activityTrigger", "PlanFunctions.Functions.Activities.ActivityFunctions.ExecuteStepAsync" },
        { "EvaluateAiCondition", "activityTrigger", "PlanFunctions.Functions.Activities.ActivityFunctions.EvaluateAiConditionAsync" },
        { "WriteRunResponse", "activityTrigger", "PlanFunctions.Functions.Activities.ActivityFunctions.WriteRunResponseAsync" },
        { "PreparePlan", "activityTrigger", "PlanFunctions.Functions.Activities.ActivityFunctions.PreparePlan" },
        { "PlanMonitor", "entityTrigger", "PlanFunctions.Functions.Entities.EntityFunctions.PlanMonitorAsync" },
        { "RunJournal", "entityTrigger", "PlanFunctions.Functions.Entities.EntityFunctions.RunJournalAsync" },
        { "ExecutionStatistics", "entityTrigger", "PlanFunctions.Functions.Entities.EntityFunctions.ExecutionStatisticsAsync" },
        { "StartPlan", "httpTrigger", "PlanFunctions.Functions.Http.PlanStarterFunctions.StartAsync" },
        { "StartPlanWithInstanceId", "httpTrigger", "PlanFunctions.Functions.Http.PlanStarterFunctions.StartWithInstanceIdAsync" },
        { "RewindPlan", "httpTrigger", "PlanFunctions.Functions.Http.RewindFunctions.RewindAsync" },
        { "GetStatistics", "httpTrigger", "PlanFunctions.Functions.Http.MonitoringFunctions.GetStatisticsAsync" },
        { "GetHealth", "httpTrigger", "PlanFunctions.Functions.Http.MonitoringFunctions.GetHealthAsync" },
        { "ViewRuns", "httpTrigger", "PlanFunctions.Functions.Http.ViewerFunctions.RunListAsync" },
        { "ViewRun", "httpTrigger", "PlanFunctions.Functions.Http.ViewerFunctions.RunAsync" },
        { "ViewRunGraph", "httpTrigger", "PlanFunctions.Functions.Http.ViewerFunctions.GraphAsync" },
        { "ViewerAsset", "httpTrigger", "PlanFunctions.Functions.Http.ViewerFunctions.AssetAsync" },
    };

    private JsonArray Functions => app.Json("functions.metadata").AsArray();

    [Fact]
    public void The_metadata_lists_exactly_the_apps_functions_each_in_the_published_assembly()
    {
        output.WriteLine($"dotnet publish --no-build took {app.PublishTime.TotalSeconds:0.0} s");

        Assert.Equal(
            Triggers.Select(row => (string)row[0]).Order(StringComparer.Ordinal),
            Functions.Select(f => (string)f!["name"]!).Order(StringComparer.Ordinal));
        Assert.All(Functions, f =>
        {
            Assert.Equal("dotnet-isolated", (string)f!["language"]!);
            Assert.True(File.Exists(Path.Combine(app.Directory, (string)f["scriptFile"]!)), (string)f["scriptFile"]!);
        });
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public void Each_function_has_its_trigger_and_entry_point(string name, string trigger, string entryPoint)
    {
        var function = Function(name);

        Assert.Equal(entryPoint, (string)function["entryPoint"]!);
        var triggers = Bindings(function).Where(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal)).ToList();
        Assert.Equal(trigger, (string)Assert.Single(triggers)["type"]!);
        Assert.Equal("In", (string)triggers[0]["direction"]!);
    }

    [Theory]
    [InlineData("StartPlan", "post", "api/plans", "Function")]
    [InlineData("StartPlanWithInstanceId", "post", "api/plans/{instanceId}", "Function")]
    [InlineData("RewindPlan", "post", "api/plans/{instanceId}/rewind", "Function")]
    [InlineData("GetStatistics", "get", "api/statistics", "Function")]
    [InlineData("GetHealth", "get", "api/health", "Anonymous")]
    [InlineData("ViewRuns", "get", "runs", "Function")]
    [InlineData("ViewRun", "get", "runs/{instanceId}", "Function")]
    [InlineData("ViewRunGraph", "get", "runs/{instanceId}/graph", "Function")]
    public void Each_http_function_has_its_route_method_key_level_and_a_durable_client(string name, string method, string route, string authLevel)
    {
        var bindings = Bindings(Function(name));
        var trigger = bindings.Single(b => (string)b["type"]! == "httpTrigger");

        Assert.Equal(route, (string)trigger["route"]!);
        Assert.Equal([method], trigger["methods"]!.AsArray().Select(m => (string)m!));
        Assert.Equal(authLevel, (string)trigger["authLevel"]!);
        Assert.Single(bindings, b => (string)b["type"]! == "durableClient" && (string)b["direction"]! == "In");
        Assert.Single(bindings, b => (string)b["type"]! == "http" && (string)b["direction"]! == "Out");
    }

    [Fact]
    public void The_extensions_file_loads_the_Durable_Task_extension_shipped_beside_it()
    {
        var durable = Assert.Single(app.Json("extensions.json")["extensions"]!.AsArray(), e => (string)e!["name"]! == "DurableTask")!;

        Assert.StartsWith("Microsoft.Azure.WebJobs.Extensions.DurableTask.DurableTaskWebJobsStartup, Microsoft.Azure.WebJobs.Extensions.DurableTask,", (string)durable["typeName"]!);
        Assert.True(File.Exists(Path.Combine(app.Directory, (string)durable["hintPath"]!)), (string)durable["hintPath"]!);
    }

    [Fact]
    public void The_worker_config_starts_the_isolated_worker_from_the_published_assembly()
    {
        var description = app.Json("worker.config.json")["description"]!;

        Assert.Equal("dotnet-isolated", (string)description["language"]!);
        Assert.True(File.Exists(Path.Combine(app.Directory, (string)description["defaultWorkerPath"]!)));
    }

    [Fact]
    public void The_shipped_host_json_names_the_hub_and_holds_settings_the_engine_and_the_starters_accept()
    {
        Assert.False(File.Exists(Path.Combine(app.Directory, "local.settings.json")));
        var host = app.Json("host.json");
        Assert.Equal("2.0", (string)host["version"]!);
        Assert.Equal("PlanFunctions", (string)host["extensions"]!["durableTask"]!["hubName"]!);
        Assert.Equal("AzureStorage", (string)host["extensions"]!["durableTask"]!["storageProvider"]!["type"]!);
        Assert.Equal("", (string)host["extensions"]!["http"]!["routePrefix"]!);

        // The worker reads host.json too (PlanFunctionsApp): its values must pass the options' validation at start-up.
        var builder = new ConfigurationBuilder();
        PlanFunctionsApp.AddHostJson(builder, app.Directory);
        var configuration = builder.Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPlanFunctionsDurableTask(configuration);
        services.AddOptions<HttpApiOptions>().BindConfiguration(HttpApiOptions.SectionName);
        services.AddSingleton<IValidateOptions<HttpApiOptions>, HttpApiOptionsValidator>();
        using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<IOptions<DurableTaskEngineOptions>>().Value;
        Assert.Equal(7200, engine.DefaultRunTimeoutSeconds);
        Assert.Equal(300, engine.DefaultStepTimeoutSeconds);
        Assert.Equal(262144, engine.MaxStepOutputBytes);
        Assert.Equal(4194304, provider.GetRequiredService<IOptions<HttpApiOptions>>().Value.MaxRequestBodyBytes);
    }

    private JsonNode Function(string name) => Assert.Single(Functions, f => (string)f!["name"]! == name)!;

    private static List<JsonNode> Bindings(JsonNode function) => [.. function["bindings"]!.AsArray().Select(b => b!)];
}
