using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Storage;
using PlanFunctions.Runtime.Entities;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Runtime.Tests.Entities;
using PlanFunctions.Core.Statistics;

namespace PlanFunctions.Runtime.Tests.Storage;

/// <summary>The serializer the engine's in-memory grain storage keeps state with.</summary>
public sealed class SystemTextJsonGrainStorageSerializerTests
{
    [Fact]
    public void A_statistics_shard_state_comes_back_as_it_was_stored()
    {
        var serializer = InMemoryStorageSerializer();
        var state = new StatisticsShardState
        {
            Active = new(StringComparer.Ordinal) { "run-1", "Run-1", "größe ✓" },
            Counters = new ExecutionStatistics
            {
                TotalPlans = 12,
                CompletedPlans = 5,
                FailedPlans = 3,
                CancelledPlans = 1,
                TerminatedPlans = 1,
                TotalDurationSeconds = 0.1 + 0.2,
                Tools = new Dictionary<string, ToolStatistics>
                {
                    ["http"] = new() { Steps = 7, Retries = 2, Timeouts = 1, Failures = 1, Skips = 3 },
                    ["Summarize"] = new() { Steps = long.MaxValue },
                    ["ai.Condition"] = new(),
                },
            },
        };

        var read = Assert.IsType<StatisticsShardState>(serializer.Deserialize<StatisticsShardState>(serializer.Serialize(state)));

        Assert.Equal(state.Active.Order(StringComparer.Ordinal), read.Active.Order(StringComparer.Ordinal));
        Assert.Contains("Run-1", read.Active);
        Assert.DoesNotContain("RUN-1", read.Active);
        StatisticsAssert.Equal(state.Counters, read.Counters);
    }

    [Fact]
    public void State_is_written_as_PlanJson_camelCase_with_tool_names_as_given()
    {
        var serializer = InMemoryStorageSerializer();
        var state = new StatisticsShardState
        {
            Active = ["run-1"],
            Counters = new ExecutionStatistics
            {
                TotalPlans = 1,
                Tools = new Dictionary<string, ToolStatistics> { ["Summarize"] = new() { Steps = 1 } },
            },
        };

        using var json = JsonDocument.Parse(serializer.Serialize(state).ToMemory());

        // Orleans' own default would write Newtonsoft.Json: PascalCase names and "$type" entries.
        var root = json.RootElement;
        Assert.Equal(["active", "counters"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("run-1", root.GetProperty("active")[0].GetString());
        var counters = root.GetProperty("counters");
        Assert.Equal(1, counters.GetProperty("totalPlans").GetInt64());
        Assert.Equal(["Summarize"], counters.GetProperty("tools").EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, counters.GetProperty("tools").GetProperty("Summarize").GetProperty("steps").GetInt64());
    }

    /// <summary>The serializer <see cref="PlanFunctionsSiloBuilderExtensions.UsePlanFunctionsInMemoryStorage"/> configures, from a silo host never started.</summary>
    private static IGrainStorageSerializer InMemoryStorageSerializer()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddPlanFunctions().UsePlanFunctionsInMemoryStorage());
        using var host = builder.Build();
        var serializer = host.Services.GetRequiredService<IOptionsMonitor<MemoryGrainStorageOptions>>()
            .Get(PlanFunctionsStorage.ProviderName).GrainStorageSerializer;
        return Assert.IsAssignableFrom<IGrainStorageSerializer>(serializer);
    }
}
