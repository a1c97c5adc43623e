using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PlanFunctions.DurableTask.Hosting;
using PlanFunctions.Functions.Activities;
using PlanFunctions.Functions.Hosting;
using PlanFunctions.Functions.Http;
using PlanFunctions.Functions.Tests.TestSupport;

namespace PlanFunctions.Functions.Tests.Hosting;

public sealed class WorkerTests
{
    [Fact]
    public void The_worker_makes_every_function_class_from_its_services()
    {
        using var app = new FunctionsApp();

        Assert.NotNull(app.Create<ActivityFunctions>());
        Assert.NotNull(app.Create<PlanStarterFunctions>());
        Assert.NotNull(app.Create<MonitoringFunctions>());
    }

    [Theory]
    [InlineData("extensions:http:maxRequestBodyBytes", "10", "extensions:http:maxRequestBodyBytes must be from 1024")]
    [InlineData("extensions:http:retryAfterSeconds", "0", "extensions:http:retryAfterSeconds must be from 1 to 3600")]
    [InlineData("extensions:durableTask:hubName", "x", "hubName must be 3 to 45 letters and digits")]
    [InlineData("extensions:durableTask:monitorUpdateInterval", "00:05:00", "extensions:durableTask:monitorUpdateInterval must be a duration")]
    public void A_setting_out_of_range_stops_the_worker_at_start_up_naming_it(string key, string value, string message)
    {
        using var app = new FunctionsApp(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_json_beside_the_binaries_is_read_below_every_other_source()
    {
        var directory = Directory.CreateTempSubdirectory("planfunctions-hostjson-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "host.json"), """
                { "version": "2.0", "extensions": { "durableTask": { "hubName": "FromHostJson", "maxSteps": 20 } } }
                """);
            var builder = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["extensions:durableTask:maxSteps"] = "50" });

            PlanFunctionsApp.AddHostJson(builder, directory.FullName);
            var options = builder.Build().GetSection(DurableTaskEngineOptions.SectionName).Get<DurableTaskEngineOptions>()!;

            Assert.Equal("FromHostJson", options.HubName);
            Assert.Equal(50, options.MaxSteps);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
