using System.Diagnostics;
using OsProcess = System.Diagnostics.Process;

namespace PlanFunctions.Host.Tests.Process;

/// <summary>
/// The service started as a process with wrong settings: it stops at once with exit code 3 and one line per problem
/// on standard error, naming the setting and where it came from, never a stack trace or a secret.
/// </summary>
public sealed class StartupSettingsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Settings_that_fail_validation_are_reported_one_line_each_with_their_source()
    {
        const string ShortKey = "sh0rt-k3y";
        var (exitCode, error) = await RunHostAsync(new Dictionary<string, string>
        {
            ["PlanFunctions__ApiKey"] = ShortKey,
            ["extensions__http__retryAfterSeconds"] = "0",
            ["extensions__durableTask__statisticsShards"] = "0",
        });

        Assert.True(exitCode == 3, $"exit code {exitCode}; stderr: {error}");
        var lines = Lines(error);
        Assert.Contains("planfunctions-host: PlanFunctions:ApiKey must be at least 16 characters long; it is 9 (from environment variable PlanFunctions__ApiKey).", lines);
        Assert.Contains("planfunctions-host: extensions:http:retryAfterSeconds must be from 1 to 3600; it is 0 (from environment variable extensions__http__retryAfterSeconds).", lines);
        Assert.Contains(lines, line => line.StartsWith("planfunctions-host: extensions:durableTask:statisticsShards must be", StringComparison.Ordinal)
            && line.EndsWith("(from environment variable extensions__durableTask__statisticsShards).", StringComparison.Ordinal));
        AssertReadable(error, ShortKey);
    }

    [Fact]
    public async Task A_value_that_cannot_be_read_is_named_without_the_value()
    {
        var (exitCode, error) = await RunHostAsync(new Dictionary<string, string>
        {
            ["extensions__durableTask__runReminderPeriod"] = "not-a-duration",
        });

        Assert.True(exitCode == 3, $"exit code {exitCode}; stderr: {error}");
        Assert.Contains(
            "planfunctions-host: extensions:durableTask:runReminderPeriod must be a duration such as 00:00:30; the value given cannot be read as one (from environment variable extensions__durableTask__runReminderPeriod).",
            Lines(error));
        AssertReadable(error, "not-a-duration");
    }

    [Fact]
    public async Task Silo_settings_that_cannot_work_are_reported_the_same_way()
    {
        var (exitCode, error) = await RunHostAsync(new Dictionary<string, string>
        {
            ["PlanFunctions__Silo__SiloPort"] = "70000",
        });

        Assert.True(exitCode == 3, $"exit code {exitCode}; stderr: {error}");
        Assert.Contains(Lines(error), line => line.StartsWith("planfunctions-host: PlanFunctions:Silo:SiloPort must be a port from 1 to 65535; it is 70000", StringComparison.Ordinal)
            && line.EndsWith("(from environment variable PlanFunctions__Silo__SiloPort).", StringComparison.Ordinal));
        AssertReadable(error, "70000-never-shown");
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void AssertReadable(string error, string secret)
    {
        Assert.DoesNotContain(secret, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.All(Lines(error), line => Assert.StartsWith("planfunctions-host: ", line, StringComparison.Ordinal));
    }

    private static async Task<(int ExitCode, string Error)> RunHostAsync(IReadOnlyDictionary<string, string> environment)
    {
        var start = HostProcess.StartInfo("http://127.0.0.1:0");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = OsProcess.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the host did not stop within {Deadline.TotalSeconds:0} s; stderr: {await error}");
        }

        Assert.DoesNotContain("   at ", await output, StringComparison.Ordinal);
        return (process.ExitCode, await error);
    }
}
