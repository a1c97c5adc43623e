using System.Text.Json.Nodes;
using PlanFunctions.Host.Tests.TestSupport;
using PlanFunctions.Tools.Telemetry;

namespace PlanFunctions.Host.Tests.Telemetry;

public sealed class ApplicationInsightsExportTests
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
            }
          ]
        }
        """;

    private const string FailingPlan = """
        { "name": "broken", "steps": [ { "id": "only", "tool": "fail", "parameters": { "message": "never", "retryable": false } } ] }
        """;

    private static readonly TimeSpan ExportDeadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Runs_metrics_and_spans_reach_the_ingestion_endpoint_of_the_connection_string()
    {
        await using var ingestion = new FakeIngestionEndpoint();
        await using var host = await RunningHost.StartAsync(
        [
            $"APPLICATIONINSIGHTS_CONNECTION_STRING={ingestion.ConnectionString}",
            "AzureMonitorExporter:DisableOfflineStorage=true",
            "AzureMonitorExporter:SamplingRatio=1",
            "OTEL_METRIC_EXPORT_INTERVAL=1000",
        ]);

        var traced = await TestSupport.Api.StartIdAsync(host.Http, RetriedPlan);
        var broken = await TestSupport.Api.StartIdAsync(host.Http, FailingPlan);
        var tracedStatus = await TestSupport.Api.WaitForEndAsync(host.Http, traced);
        await TestSupport.Api.WaitForEndAsync(host.Http, broken);
        Assert.Equal("Completed", (string?)tracedStatus["runtimeStatus"]);

        var run = RunTrace.ContextOf(traced, tracedStatus["createdTime"]!.GetValue<DateTimeOffset>());
        var operationId = run.TraceId.ToHexString();
        string[] expectedAttempts = ["first echo 1", "flaky fail 1", "flaky fail 2"];
        string[] expectedMetrics =
        [
            "planfunctions.runs.started", "planfunctions.runs.completed", "planfunctions.runs.failed",
            "planfunctions.steps.executed", "planfunctions.steps.retried", "planfunctions.steps.failed",
            "planfunctions.step.duration", "planfunctions.run.duration",
        ];

        await WaitUntilNothingMissingAsync(ingestion, () =>
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

            var metrics = items.Where(i => BaseType(i) == "MetricData")
                .SelectMany(i => BaseData(i)?["metrics"]?.AsArray() ?? [])
                .Select(m => (string?)m?["name"])
                .ToHashSet();
            missing.AddRange(expectedMetrics.Where(m => !metrics.Contains(m)).Select(m => $"the metric {m}"));
            if (!metrics.Any(m => m?.StartsWith("orleans-", StringComparison.Ordinal) == true))
            {
                missing.Add("a metric of the Microsoft.Orleans meter");
            }

            return missing;
        });

        // One operation for the whole run, named by its instance id and created time; every span hangs under the run context.
        var spans = ingestion.Items.Where(i => Property(i, RunTrace.InstanceIdTag) == traced && BaseType(i) is "RequestData" or "RemoteDependencyData").ToList();
        Assert.All(spans, span =>
        {
            Assert.Equal(operationId, Tag(span, "ai.operation.id"));
            Assert.Equal(run.SpanId.ToHexString(), Tag(span, "ai.operation.parentId"));
        });
        var retried = ingestion.Items.Where(i => BaseType(i) == "MetricData")
            .Where(i => BaseData(i)?["metrics"]?.AsArray().Any(m => (string?)m?["name"] == "planfunctions.steps.retried") == true);
        Assert.Contains(retried, metric => Property(metric, "tool") == "fail");
    }

    private static Task WaitUntilNothingMissingAsync(FakeIngestionEndpoint ingestion, Func<List<string>> missing)
    {
        var stillMissing = new List<string>();
        return Eventually.TrueAsync(
            () => (stillMissing = missing()).Count == 0,
            ExportDeadline,
            () => $"the ingestion endpoint did not receive {string.Join("; ", stillMissing)} (requests: "
                + $"{string.Join(", ", ingestion.Requests.GroupBy(r => r).Select(g => $"{g.Key} x{g.Count()}"))}; items: {ingestion.Items.Count})");
    }

    private static JsonNode? BaseData(JsonObject item) => item["data"]?["baseData"];

    private static string? BaseType(JsonObject item) => (string?)item["data"]?["baseType"];

    private static string? Property(JsonObject item, string name) => (string?)BaseData(item)?["properties"]?[name];

    private static string? Tag(JsonObject item, string name) => (string?)item["tags"]?[name];
}
