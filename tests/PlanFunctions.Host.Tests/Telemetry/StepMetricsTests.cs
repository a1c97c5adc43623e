using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using PlanFunctions.Host.Tests.TestSupport;
using PlanFunctions.Tools.Telemetry;

namespace PlanFunctions.Host.Tests.Telemetry;

public sealed class StepMetricsTests
{
    private const string Plan = $$"""
        {
          "name": "counted",
          "defaults": { "retry": { "maxNumberOfAttempts": 2, "firstRetryIntervalSeconds": 0.1 } },
          "steps": [
            { "id": "flaky", "tool": "{{TelemetryProbeTool.ToolName}}", "parameters": { "failTimes": 1 } },
            { "id": "broken", "tool": "{{TelemetryProbeTool.ToolName}}", "parameters": { "failTimes": 5 } },
            { "id": "after", "tool": "{{TelemetryProbeTool.ToolName}}", "dependsOn": [ "broken" ] }
          ]
        }
        """;

    [Fact]
    public async Task Every_attempt_is_executed_every_attempt_after_the_first_retried_and_only_a_final_failure_failed()
    {
        var measured = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PlanFunctionsTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "tool", Value: TelemetryProbeTool.ToolName })
                {
                    measured.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
                }
            }
        });
        listener.Start();

        await using var host = await RunningHost.StartAsync(configure: builder => builder.Services.AddPlanFunctionsTool<TelemetryProbeTool>());
        var id = await TestSupport.Api.StartIdAsync(host.Http, Plan);
        var status = await TestSupport.Api.WaitForEndAsync(host.Http, id);

        Assert.Equal("Failed", (string?)status["runtimeStatus"]);
        Assert.Equal(
            new SortedDictionary<string, long>
            {
                ["planfunctions.steps.executed"] = 4,
                ["planfunctions.steps.retried"] = 2,
                ["planfunctions.steps.failed"] = 1,
                ["planfunctions.steps.skipped"] = 1,
            },
            new SortedDictionary<string, long>(measured));
    }
}
