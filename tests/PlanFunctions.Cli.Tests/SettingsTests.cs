using System.Text.Json;
using PlanFunctions.Tools.Tests.AzureOpenAI;

namespace PlanFunctions.Cli.Tests;

/// <summary>
/// <c>planfunctions run</c> reads the service's settings from the same places (the environment, <c>local.settings.json</c>
/// and <c>host.json</c> in the current folder), runs AI plans with them, and reports wrong settings one line each.
/// </summary>
public sealed class SettingsTests : IDisposable
{
    private const string AiPlan = """
        {
          "name": "AI from the command line",
          "goal": "Summarise the orders",
          "steps": [
            { "id": "orders", "tool": "echo", "parameters": { "count": 3 } },
            { "id": "summarise", "tool": "ai.chat", "dependsOn": ["orders"],
              "condition": { "ai": "Are there any orders?" },
              "parameters": { "prompt": "Summarise {{ steps.orders.output.count }} orders" } }
          ]
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("planfunctions-cli-settings-").FullName;

    public SettingsTests() => File.WriteAllText(Path.Combine(_folder, "plan.json"), AiPlan);

    [Fact]
    public async Task An_AI_plan_runs_against_the_Azure_OpenAI_deployment_named_in_the_environment()
    {
        await using var openAi = FakeAzureOpenAI.Answering("Yes: three orders, all paid.");

        var run = await PlanFunctionsProcess.RunInAsync(_folder, AiSettings(openAi.Endpoint), "run", "plan.json", "--json");

        AssertRanWithAi(run, openAi);
    }

    [Fact]
    public async Task An_AI_plan_runs_with_the_settings_of_local_settings_json_in_the_current_folder()
    {
        await using var openAi = FakeAzureOpenAI.Answering("Yes: three orders, all paid.");
        var values = AiSettings(openAi.Endpoint).ToDictionary(e => e.Key, e => e.Value);
        await File.WriteAllTextAsync(
            Path.Combine(_folder, "local.settings.json"),
            JsonSerializer.Serialize(new { IsEncrypted = false, Values = values }));

        var run = await PlanFunctionsProcess.RunInAsync(_folder, new Dictionary<string, string>(), "run", "plan.json", "--json");

        AssertRanWithAi(run, openAi);
    }

    [Fact]
    public async Task Without_Azure_OpenAI_settings_an_AI_plan_is_refused_saying_why()
    {
        var run = await PlanFunctionsProcess.RunInAsync(_folder, new Dictionary<string, string>(), "run", "plan.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no Azure OpenAI endpoint is configured: set AzureOpenAI__Endpoint", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_settings_stop_the_run_with_one_line_each_naming_the_setting_and_where_it_came_from()
    {
        const string Secret = "0123456789-secret-key-value";
        await File.WriteAllTextAsync(
            Path.Combine(_folder, "host.json"),
            """{ "version": "2.0", "extensions": { "durableTask": { "statisticsShards": 0 } } }""");
        var environment = new Dictionary<string, string>
        {
            ["AzureOpenAI__Endpoint"] = "ftp://openai.example/",
            ["AzureOpenAI__ApiKey"] = Secret,
            ["extensions__durableTask__monitorUpdateInterval"] = "02:00:00",
        };

        var run = await PlanFunctionsProcess.RunInAsync(_folder, environment, "run", "plan.json");

        Assert.True(run.ExitCode == 3, $"exit code {run.ExitCode}; stderr: {run.Error}");
        Assert.Contains(run.ErrorLines, line => line.StartsWith("planfunctions: AzureOpenAI:Endpoint", StringComparison.Ordinal)
            && line.EndsWith("(from environment variable AzureOpenAI__Endpoint).", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, line => line.StartsWith("planfunctions: extensions:durableTask:statisticsShards must be", StringComparison.Ordinal)
            && line.EndsWith("(from host.json).", StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, line => line.StartsWith("planfunctions: extensions:durableTask:monitorUpdateInterval must be", StringComparison.Ordinal)
            && line.EndsWith("(from environment variable extensions__durableTask__monitorUpdateInterval).", StringComparison.Ordinal));
        AssertReadable(run, Secret);
    }

    [Fact]
    public async Task A_value_that_cannot_be_read_names_the_setting_without_the_value()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "echo.json"), """{ "name": "echo", "goal": "echo", "steps": [ { "id": "a", "tool": "echo", "parameters": {} } ] }""");
        var environment = new Dictionary<string, string> { ["extensions__durableTask__runReminderPeriod"] = "soon-ish" };

        var run = await PlanFunctionsProcess.RunInAsync(_folder, environment, "run", "echo.json");

        Assert.True(run.ExitCode == 3, $"exit code {run.ExitCode}; stderr: {run.Error}");
        Assert.Contains(run.ErrorLines, line => line.Contains("extensions:durableTask:runReminderPeriod must be a duration", StringComparison.Ordinal));
        AssertReadable(run, "soon-ish");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Dictionary<string, string> AiSettings(Uri endpoint) => new()
    {
        ["AzureOpenAI__Endpoint"] = endpoint.ToString(),
        ["AzureOpenAI__Deployment"] = FakeAzureOpenAI.Deployment,
        ["AzureOpenAI__ApiKey"] = FakeAzureOpenAI.ApiKey,
    };

    private static void AssertRanWithAi(CliRun run, FakeAzureOpenAI openAi)
    {
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.Error}");
        using var document = JsonDocument.Parse(run.Output);
        var summarise = document.RootElement.GetProperty("output").GetProperty("steps").GetProperty("summarise");
        Assert.Equal("Succeeded", summarise.GetProperty("status").GetString());
        Assert.Equal("Yes: three orders, all paid.", summarise.GetProperty("output").GetProperty("text").GetString());
        Assert.Contains(
            $"planfunctions: AI conditions and ai.chat steps use the Azure OpenAI deployment '{FakeAzureOpenAI.Deployment}' at {openAi.Endpoint}",
            run.Error, StringComparison.Ordinal);
        Assert.True(openAi.Requests.Count >= 2, $"{openAi.Requests.Count} requests reached the deployment");
        Assert.All(openAi.Requests, request => Assert.Equal(FakeAzureOpenAI.ApiKey, request.Headers["api-key"]));
        Assert.DoesNotContain(FakeAzureOpenAI.ApiKey, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAzureOpenAI.ApiKey, run.Output, StringComparison.Ordinal);
    }

    private static void AssertReadable(CliRun run, string secret)
    {
        Assert.DoesNotContain(secret, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        Assert.All(run.ErrorLines, line => Assert.StartsWith("planfunctions: ", line, StringComparison.Ordinal));
    }
}
