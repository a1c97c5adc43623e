using System.Text.Json.Nodes;
using PlanFunctions.Host.Tests.TestSupport;

namespace PlanFunctions.Host.Tests.DurableClient;

/// <summary>
/// The durable-functions npm package's DurableClient, built from the binding data a Functions host hands its clients,
/// works against the self-hosted service unchanged: start (the orchestrators route), status, events, suspend, resume,
/// terminate, purge, listing, and the entities.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class DurableFunctionsClientTests(HostFixture fixture)
{
    [Fact]
    public async Task The_client_in_its_rpc_mode_runs_the_whole_scenario()
    {
        var seen = await DurableClientScenario.RunAsync("rpc", fixture.Host.Address);

        AssertScenario(seen);
    }

    [Fact]
    public async Task The_client_with_host_url_templates_runs_the_whole_scenario()
    {
        var seen = await DurableClientScenario.RunAsync("webhook", fixture.Host.Address);

        AssertScenario(seen);
    }

    internal static void AssertScenario(JsonNode seen)
    {
        var started = (string)seen["startedId"]!;
        Assert.EndsWith("-approve", started, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", (string)seen["generatedId"]!);
        Assert.Contains("404", (string)seen["unknownOrchestrator"]!, StringComparison.Ordinal);
        Assert.Contains("RunPlan", (string)seen["unknownOrchestrator"]!, StringComparison.Ordinal);
        Assert.Contains("400", (string)seen["badPlan"]!, StringComparison.Ordinal);
        Assert.Equal("Running", (string)seen["runningStatus"]!);
        Assert.Equal("approve", (string)seen["runningName"]!);
        Assert.Equal("durable-functions", (string)seen["completedOutput"]!["by"]!);
        Assert.Equal("Completed", (string)seen["generatedStatus"]!);

        Assert.True((bool)seen["monitor"]!["exists"]!);
        Assert.Equal(started, (string)seen["monitor"]!["state"]!["planId"]!);
        Assert.Equal("Completed", (string)seen["monitor"]!["state"]!["status"]!);
        Assert.Equal(2, (int)seen["monitor"]!["state"]!["completedSteps"]!);
        Assert.True((bool)seen["monitorLowerExists"]!);
        Assert.True((bool)seen["statistics"]!["exists"]!);
        Assert.True((long)seen["statistics"]!["totalPlans"]! >= 2);
        Assert.False((bool)seen["missingMonitorExists"]!);
        Assert.Contains("400", (string)seen["signalRefused"]!, StringComparison.Ordinal);
        Assert.Contains("written only by the engine", (string)seen["signalRefused"]!, StringComparison.Ordinal);

        Assert.Equal("Suspended", (string)seen["suspended"]!);
        Assert.Equal("Running", (string)seen["resumed"]!);
        Assert.Contains("409", (string)seen["purgeWhileRunning"]!, StringComparison.Ordinal);
        Assert.Equal("Terminated", (string)seen["terminated"]!);
        Assert.Null(seen["terminateAgain"]);
        Assert.Equal(1, (int)seen["purged"]!);
        Assert.Contains("404", (string)seen["statusAfterPurge"]!, StringComparison.Ordinal);
        Assert.Equal(0, (int)seen["purgeAgain"]!);
        Assert.Equal(2, seen["listedCompleted"]!.AsArray().Count);

        Assert.Equal("Failed", (string)seen["beforeRewind"]!);
        Assert.Equal(1, (int)seen["rewound"]!["fetchAttempts"]!);
        Assert.Equal(2, (int)seen["rewound"]!["sendAttempts"]!);

        // The client rejects on 412 and 404 with the body as its message, which for an error object reads as
        // "[object Object]" (see src/PlanFunctions.Host/README.md): that it rejects is what a caller can rely on.
        Assert.NotNull(seen["rewindCompleted"]);
        Assert.NotNull(seen["rewindUnknown"]);
    }
}
