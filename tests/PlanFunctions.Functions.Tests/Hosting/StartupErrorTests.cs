using Microsoft.Extensions.Configuration;
using PlanFunctions.Functions.Hosting;
using PlanFunctions.Tools.Configuration;

namespace PlanFunctions.Functions.Tests.Hosting;

/// <summary>A wrong setting stops the worker with one readable line per problem and exit code 3, as the service and the command line do.</summary>
public sealed class StartupErrorTests
{
    [Fact]
    public async Task Wrong_settings_stop_the_worker_with_one_line_each_and_exit_code_3()
    {
        using var error = new StringWriter();

        var exitCode = await PlanFunctionsApp.RunAsync([], error, builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // What the Functions host hands every worker it starts; nothing listens there, and nothing is called before validation.
            ["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:1",
            ["extensions:http:retryAfterSeconds"] = "0",
            ["extensions:http:maxRequestBodyBytes"] = "10",
        }));

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(StartupErrors.ExitCode, exitCode);
        Assert.Contains(lines, line => line.StartsWith("planfunctions-functions: extensions:http:retryAfterSeconds must be from 1 to 3600", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("planfunctions-functions: extensions:http:maxRequestBodyBytes must be from 1024", StringComparison.Ordinal));
        Assert.Equal("planfunctions-functions: not started; correct the settings above.", lines[^1]);
        Assert.All(lines, line => Assert.StartsWith("planfunctions-functions: ", line, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }
}
