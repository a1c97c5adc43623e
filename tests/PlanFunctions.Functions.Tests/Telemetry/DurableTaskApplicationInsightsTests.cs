using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PlanFunctions.Core.Execution;
using PlanFunctions.DurableTask.AzureStorage;
using PlanFunctions.Functions.Telemetry;
using Microsoft.Extensions.Configuration;
using PlanFunctions.Functions.Hosting;
using PlanFunctions.TestSupport;
using PlanFunctions.Tools.Telemetry;

namespace PlanFunctions.Functions.Tests.Telemetry;

/// <summary>
/// The Functions app's Application Insights set-up, with the Durable Task engine running plans in this process on
/// Azurite (the orchestrator, activities and entities the worker registers, on the Azure Storage backend), and the
/// connection string pointing at a local ingestion endpoint: what a user of the app sees in Application Insights.
/// </summary>
[Collection(DurableTaskTelemetryCollection.Name)]
public sealed class DurableTaskApplicationInsightsTests(FullAzuriteFixture azurite)
{
    private const string RetriedPlan = """
        {
          "name": "traced",
          "steps": [
            { "id": "first", "tool": "echo", "parameters": { "n": 1 } },
            {
              "id": "flaky", "tool": "fail", "dependsOn": [ "first" ],
              "parameters": { "message": "not yet", "failTimes": 1 },
              "retry": { "maxNumberOfAttempts": 2, "firstRetryIntervalSeconds": 0.1 }
            },
            { "id": "last", "tool": "echo", "dependsOn": [ "flaky" ], "parameters": { "n": 3 } }
          ]
        }
        """;

    private const string FailingPlan = """
        { "name": "broken", "steps": [ { "id": "only", "tool": "fail", "parameters": { "message": "never", "retryable": false } } ] }
        """;

    private const string SlowPlan = """
        { "name": "slow", "steps": [ { "id": "wait", "tool": "delay", "timeoutSeconds": 0.5, "retry": { "maxNumberOfAttempts": 1 }, "parameters": { "milliseconds": 60000 } } ] }
        """;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_run_of_the_Durable_Task_engine_reaches_Application_Insights_as_one_operation_with_the_engines_metrics()
    {
        await using var ingestion = new FakeIngestionEndpoint();
        var registered = new List<Type>();

        // As in Azure: an app setting is an environment variable, there when the app registers its services.
        IHost app;
        Environment.SetEnvironmentVariable(PlanFunctionsApplicationInsightsExtensions.ConnectionStringSetting, ingestion.ConnectionString);
        try
        {
            app = PlanFunctionsApp.Build([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["extensions:durableTask:statisticsShards"] = "1",
                });
                registered.AddRange(builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType is not null)
                    .Select(d => d.ImplementationType!));
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable(PlanFunctionsApplicationInsightsExtensions.ConnectionStringSetting, null);
        }

        using var disposeApp = app;

        // The worker is never started here (only a Functions host can start it): its telemetry services are started alone.
        Type[] forwarderTypes = [typeof(PlanFunctionsMetricsForwarder), typeof(PlanFunctionsTraceForwarder)];
        Assert.All(forwarderTypes, type => Assert.Contains(type, registered));
        var forwarders = forwarderTypes.Select(type => (IHostedService)ActivatorUtilities.CreateInstance(app.Services, type)).ToList();
        foreach (var forwarder in forwarders)
        {
            await forwarder.StartAsync(CancellationToken.None);
        }

        string traced;
        await using (var runner = await LocalDurableTaskRunner.StartAsync(
            new LocalDurableTaskOptions
            {
                ConnectionString = azurite.ConnectionString,
                TaskHubName = "ai" + Guid.NewGuid().ToString("N")[..16],
                PartitionCount = 1,
                MaxQueuePollingInterval = TimeSpan.FromMilliseconds(300),
                QueueVisibilityTimeout = TimeSpan.FromSeconds(30),
            },
            app.Services))
        {
            traced = await StartAsync(runner, RetriedPlan);
            var broken = await StartAsync(runner, FailingPlan);
            var slow = await StartAsync(runner, SlowPlan);
            Assert.Equal(RuntimeStatus.Completed, await WaitForEndAsync(runner, traced));
            Assert.Equal(RuntimeStatus.Failed, await WaitForEndAsync(runner, broken));
            Assert.Equal(RuntimeStatus.Failed, await WaitForEndAsync(runner, slow));
        }

        // Stopping flushes what the SDK holds (metrics are pre-aggregated per minute otherwise).
        foreach (var forwarder in forwarders)
        {
            await forwarder.StopAsync(CancellationToken.None);
            ((IDisposable)forwarder).Dispose();
        }

        string[] expectedAttempts = ["first echo 1", "flaky fail 1", "flaky fail 2", "last echo 1"];
        var stillMissing = new List<string>();
        await Eventually.TrueAsync(
            () => (stillMissing = Missing(ingestion, traced, expectedAttempts)).Count == 0,
            Deadline,
            () => $"the ingestion endpoint did not receive {string.Join("; ", stillMissing)} (requests: "
                + $"{string.Join(", ", ingestion.Requests.GroupBy(r => r).Select(g => $"{g.Key} x{g.Count()}"))}; items: {ingestion.Items.Count})");

        // One operation per run: the run's request and every attempt's dependency share its operation id and parent.
        var spans = ingestion.Items.Where(i => Property(i, RunTrace.InstanceIdTag) == traced).ToList();
        var run = Assert.Single(spans, i => BaseType(i) == "RequestData");
        Assert.Equal(32, Tag(run, "ai.operation.id")?.Length);
        Assert.All(spans, span =>
        {
            Assert.Equal(Tag(run, "ai.operation.id"), Tag(span, "ai.operation.id"));
            Assert.Equal(Tag(run, "ai.operation.parentId"), Tag(span, "ai.operation.parentId"));
        });
        Assert.Equal(expectedAttempts.Length, spans.Count(i => BaseType(i) == "RemoteDependencyData"));
        var failedAttempt = spans.Single(i => Property(i, RunTrace.StepIdTag) == "flaky" && Property(i, RunTrace.AttemptTag) == "1");
        Assert.False((bool?)BaseData(failedAttempt)?["success"]);

        // Every turn of an orchestrator replays the ones before it, which record nothing again: each count is what the three runs did, once.
        Assert.Equal(3, MetricSum(ingestion, "planfunctions.runs.started"));
        Assert.Equal(1, MetricSum(ingestion, "planfunctions.runs.completed"));
        Assert.Equal(2, MetricSum(ingestion, "planfunctions.runs.failed"));
        Assert.Equal(2, MetricSum(ingestion, "planfunctions.steps.executed", "echo"));
        Assert.Equal(3, MetricSum(ingestion, "planfunctions.steps.executed", "fail"));
        Assert.Equal(1, MetricSum(ingestion, "planfunctions.steps.retried", "fail"));
        Assert.Equal(1, MetricSum(ingestion, "planfunctions.steps.failed", "fail"));
        Assert.Equal(1, MetricSum(ingestion, "planfunctions.steps.timed_out", "delay"));
        Assert.Equal(5, MetricCount(ingestion, "planfunctions.step.duration", "fail", "echo"));
    }

    private static List<string> Missing(FakeIngestionEndpoint ingestion, string traced, string[] expectedAttempts)
    {
        var items = ingestion.Items.ToList();
        var ours = items.Where(i => Property(i, RunTrace.InstanceIdTag) == traced).ToList();
        var missing = new List<string>();
        if (!ours.Any(i => BaseType(i) == "RequestData" && (string?)BaseData(i)?["name"] == "run traced"))
        {
            missing.Add("the run span (a request named 'run traced')");
        }

        var attempts = ours.Where(i => BaseType(i) == "RemoteDependencyData")
            .Select(i => $"{Property(i, RunTrace.StepIdTag)} {Property(i, RunTrace.ToolTag)} {Property(i, RunTrace.AttemptTag)}");
        missing.AddRange(expectedAttempts.Except(attempts).Select(a => $"the attempt span '{a}'"));

        string[] expectedMetrics =
        [
            "planfunctions.runs.started", "planfunctions.runs.completed", "planfunctions.runs.failed",
            "planfunctions.steps.executed", "planfunctions.steps.retried", "planfunctions.steps.failed",
            "planfunctions.steps.timed_out", "planfunctions.step.duration", "planfunctions.run.duration",
        ];
        var metrics = Metrics(items).Select(m => m.Name).ToHashSet();
        missing.AddRange(expectedMetrics.Where(m => !metrics.Contains(m)).Select(m => $"the metric {m}"));
        return missing;
    }

    private static IEnumerable<(string? Name, double Value, int Count, JsonObject Item)> Metrics(IEnumerable<JsonObject> items) =>
        items.Where(i => BaseType(i) == "MetricData")
            .SelectMany(i => (BaseData(i)?["metrics"]?.AsArray() ?? []).Select(m => (
                (string?)m?["name"],
                (double?)m?["value"] ?? 0,
                (int?)m?["count"] ?? 1,
                i)));

    private static double MetricSum(FakeIngestionEndpoint ingestion, string name, string? tool = null) =>
        Metrics(ingestion.Items).Where(m => m.Name == name && (tool is null || Property(m.Item, "tool") == tool)).Sum(m => m.Value);

    private static int MetricCount(FakeIngestionEndpoint ingestion, string name, params string[] tools) =>
        Metrics(ingestion.Items).Where(m => m.Name == name && tools.Contains(Property(m.Item, "tool"))).Sum(m => m.Count);

    private static async Task<string> StartAsync(LocalDurableTaskRunner runner, string planJson)
    {
        var client = runner.PlanFunctionsClient;
        var read = client.Validate(Encoding.UTF8.GetBytes(planJson));
        Assert.True(read.Succeeded, string.Join("; ", read.Problems.Select(p => p.ToString())));
        var instanceId = Guid.NewGuid().ToString("N");
        Assert.Equal(PlanFunctions.Core.Control.StartRunResult.Started, await client.StartAsync(instanceId, read.Plan!));
        return instanceId;
    }

    private static async Task<RuntimeStatus> WaitForEndAsync(LocalDurableTaskRunner runner, string instanceId)
    {
        RuntimeStatus? ended = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var status = await runner.PlanFunctionsClient.GetStatusAsync(instanceId);
                ended = status is { Output: not null } ? status.RuntimeStatus : null;
                return ended is not null;
            },
            Deadline,
            $"run {instanceId} to end");
        return ended!.Value;
    }

    private static JsonNode? BaseData(JsonObject item) => item["data"]?["baseData"];

    private static string? BaseType(JsonObject item) => (string?)item["data"]?["baseType"];

    private static string? Property(JsonObject item, string name) => (string?)BaseData(item)?["properties"]?[name];

    private static string? Tag(JsonObject item, string name) => (string?)item["tags"]?[name];
}
