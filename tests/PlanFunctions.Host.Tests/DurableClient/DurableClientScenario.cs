using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PlanFunctions.Host.Tests.DurableClient;

/// <summary>Runs <c>durable-client-scenario.js</c> with Node.js: the durable-functions npm package's client against a service.</summary>
internal static class DurableClientScenario
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    /// <summary>What the client saw, in <paramref name="mode"/> (<c>rpc</c> or <c>webhook</c>) against <paramref name="address"/>.</summary>
    public static async Task<JsonNode> RunAsync(string mode, Uri address, string? key = null)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "DurableClient", "durable-client-scenario.js");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Node finds durable-functions by walking up from the script to the repository's node_modules (npm ci).
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(address.ToString());
        if (key is not null)
        {
            start.ArgumentList.Add(key);
        }

        using var node = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("node could not be started; Node.js is needed for the tests (see README)");
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            Assert.Fail($"the durable-functions scenario did not end within {Limit.TotalMinutes} minutes; stderr: {await stderr}");
        }

        Assert.True(node.ExitCode == 0, $"the durable-functions scenario failed ({node.ExitCode}): {await stderr}");
        return JsonNode.Parse(await stdout) ?? throw new InvalidOperationException("the scenario printed nothing");
    }
}
