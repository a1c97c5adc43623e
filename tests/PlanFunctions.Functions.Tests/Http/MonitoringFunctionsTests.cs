using System.Globalization;
using System.Net;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Entities;
using Moq;
using PlanFunctions.Core.Statistics;
using PlanFunctions.DurableTask.Entities;
using PlanFunctions.Functions.Http;
using PlanFunctions.Functions.Tests.TestSupport;

namespace PlanFunctions.Functions.Tests.Http;

public sealed class MonitoringFunctionsTests : IDisposable
{
    private readonly FunctionsApp _app = new(new Dictionary<string, string?> { ["extensions:durableTask:statisticsShards"] = "2" });
    private readonly DurableClientMock _durable = new();

    private MonitoringFunctions Monitoring => _app.Create<MonitoringFunctions>();

    [Fact]
    public async Task Statistics_are_the_sum_of_the_ExecutionStatistics_shards()
    {
        _durable.HasEntity(Shard(0), Shard(total: 3, completed: 2, active: ["run-a"]));
        _durable.HasEntity(Shard(1), Shard(total: 2, completed: 1, active: []));

        var response = await Monitoring.GetStatisticsAsync(FunctionsHttp.Request(_app.Services, "GET", "api/statistics"), _durable.Object, CancellationToken.None);
        var body = FunctionsHttp.Body(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, (int)body["totalPlans"]!);
        Assert.Equal(3, (int)body["completedPlans"]!);
        Assert.Equal(1, (int)body["activeExecutions"]!);
        Assert.Equal(1.0, (double)body["successRate"]!);
    }

    [Fact]
    public async Task Health_is_200_when_the_entities_and_the_instances_answer()
    {
        _durable.Mock.Setup(c => c.GetAllInstancesAsync(It.IsAny<OrchestrationQuery?>()))
            .Returns(Pageable.Create((string? _, int? _, CancellationToken _) => Task.FromResult(new Page<OrchestrationMetadata>([], null))));

        var response = await Monitoring.GetHealthAsync(FunctionsHttp.Request(_app.Services, "GET", "api/health"), _durable.Object, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (string)FunctionsHttp.Body(response)["status"]!);
    }

    [Fact]
    public async Task Health_is_503_naming_the_engine_when_its_entities_do_not_answer()
    {
        _durable.Entities.Setup(e => e.GetEntityAsync<ExecutionStatisticsState>(It.IsAny<EntityInstanceId>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("storage is down"));

        var response = await Monitoring.GetHealthAsync(FunctionsHttp.Request(_app.Services, "GET", "api/health"), _durable.Object, CancellationToken.None);
        var body = FunctionsHttp.Body(response);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("The engine is not healthy.", (string)body["error"]!);
        Assert.Equal("engine", (string)body["details"]![0]!["path"]!);
        Assert.Equal("the engine did not answer: InvalidOperationException", (string)body["details"]![0]!["message"]!);
    }

    public void Dispose() => _app.Dispose();

    private static EntityInstanceId Shard(int shard) => new("ExecutionStatistics", shard.ToString(CultureInfo.InvariantCulture));

    private static ExecutionStatisticsState Shard(int total, int completed, string[] active) => new()
    {
        Counters = new ExecutionStatistics { TotalPlans = total, CompletedPlans = completed },
        Active = new HashSet<string>(active, StringComparer.Ordinal),
    };
}
