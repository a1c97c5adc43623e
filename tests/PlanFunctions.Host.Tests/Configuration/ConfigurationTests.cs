using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PlanFunctions.Runtime.Configuration;
using PlanFunctions.Host.Tests.TestSupport;

namespace PlanFunctions.Host.Tests.Configuration;

public sealed class ConfigurationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("planfunctions-host-").FullName;

    [Fact]
    public void Local_settings_values_become_settings_and_the_environment_overrides_host_json_and_them()
    {
        File.WriteAllText(Path.Combine(_root, "host.json"), """{ "extensions": { "http": { "retryAfterSeconds": 7, "maxRequestBodyBytes": 5000 } } }""");
        File.WriteAllText(Path.Combine(_root, "local.settings.json"), """
            { "IsEncrypted": false,
              "Values": { "AzureOpenAI:Endpoint": "https://example.invalid/", "PlanFunctions__ApiKey": "from-local-settings", "extensions:http:retryAfterSeconds": 3, "Overridden": "file" },
              "ConnectionStrings": { "Tables": "UseDevelopmentStorage=true" } }
            """);
        var configuration = new ConfigurationManager();
        configuration.AddEnvironmentVariables("PLANFUNCTIONS_TEST_UNUSED_");
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Overridden"] = "environment" });
        configuration.Sources.Insert(configuration.Sources.Count - 1, new Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource());
        configuration.AddPlanFunctionsConfiguration(_root);

        Assert.Equal("https://example.invalid/", configuration["AzureOpenAI:Endpoint"]);
        Assert.Equal("from-local-settings", configuration["PlanFunctions:ApiKey"]);
        Assert.Equal("UseDevelopmentStorage=true", configuration["ConnectionStrings:Tables"]);
        Assert.Equal("3", configuration["extensions:http:retryAfterSeconds"]);
        Assert.Equal("5000", configuration["extensions:http:maxRequestBodyBytes"]);
        Assert.Equal("environment", configuration["Overridden"]);
    }

    [Fact]
    public void Without_local_settings_the_host_json_settings_still_apply()
    {
        File.WriteAllText(Path.Combine(_root, "host.json"), """{ "extensions": { "durableTask": { "hubName": "Other" } } }""");
        var configuration = new ConfigurationManager();

        configuration.AddPlanFunctionsConfiguration(_root);

        Assert.Equal("Other", configuration["extensions:durableTask:hubName"]);
    }

    [Fact]
    public void A_broken_local_settings_file_is_reported_with_its_line()
    {
        File.WriteAllText(Path.Combine(_root, "local.settings.json"), "{\n \"Values\": { oops } }");
        var configuration = new ConfigurationManager();

        var error = Assert.Throws<InvalidDataException>(() => configuration.AddPlanFunctionsConfiguration(_root));

        Assert.Contains("local.settings.json", error.Message);
        Assert.Contains("line 2", error.Message);
    }

    [Theory]
    [InlineData("extensions:http:maxRequestBodyBytes=0", "extensions:http:maxRequestBodyBytes")]
    [InlineData("extensions:http:retryAfterSeconds=0", "extensions:http:retryAfterSeconds")]
    [InlineData("PlanFunctions:ApiKey=short", "PlanFunctions:ApiKey")]
    public async Task A_wrong_setting_stops_the_start_with_a_message_naming_it(string setting, string name)
    {
        // Settings Kestrel needs are checked as the application is built, the others as it starts: either way it does not run.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            var app = RunningHost.Build([setting]);
            try
            {
                await app.StartAsync();
            }
            finally
            {
                await app.DisposeAsync();
            }
        });

        Assert.Contains(name, error.Message);
    }

    [Fact]
    public void A_wrong_silo_port_stops_the_build_with_a_message_naming_it()
    {
        var error = Assert.Throws<OptionsValidationException>(() => RunningHost.Build(["PlanFunctions:Silo:GatewayPort=70000"]));

        Assert.Contains("PlanFunctions:Silo:GatewayPort", error.Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
