using Microsoft.Extensions.Logging.Abstractions;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Runtime.Hosting;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Runtime.Storage;
using PlanFunctions.Runtime.Tests.Engine;
using PlanFunctions.TestSupport;
using PlanFunctions.Core.Control;
using PlanFunctions.Client;

namespace PlanFunctions.Runtime.Tests.Storage;

[Collection(AzuriteFixture.CollectionName)]
public sealed class AzureTableEngineTests(AzuriteFixture azurite)
{
    private const string Plan = """
        { "name": "chain", "steps": [
            { "id": "fetch", "tool": "echo", "parameters": { "total": 3 } },
            { "id": "report", "tool": "echo", "dependsOn": ["fetch"], "parameters": { "total": "{{ steps.fetch.output.total }}" } } ] }
        """;

    private readonly AzureTableStorageOptions _options = azurite.CreateOptions();

    [Fact]
    public async Task A_run_on_Azure_tables_is_recorded_survives_a_new_cluster_and_is_purged_from_every_table()
    {
        string id;
        await using (var engine = await StartEngineAsync())
        {
            id = await engine.StartAsync(Plan);
            Assert.Equal(RuntimeStatus.Completed, (await engine.WaitForEndAsync(id)).RuntimeStatus);
        }

        var history = new AzureTableRunHistoryStore(_options, NullLogger<AzureTableRunHistoryStore>.Instance);
        var index = new AzureTableInstanceStore(_options, NullLogger<AzureTableInstanceStore>.Instance);
        var events = await history.ReadAsync(id);
        Assert.IsType<RunStarted>(events[0]);
        Assert.Equal(RuntimeStatus.Completed, Assert.IsType<RunCompleted>(events[^1]).RuntimeStatus);
        Assert.Equal(RuntimeStatus.Completed, (await index.GetAsync(id))?.RuntimeStatus);

        await using (var engine = await StartEngineAsync())
        {
            var status = await engine.Client.GetStatusAsync(id);
            Assert.Equal(RuntimeStatus.Completed, status?.RuntimeStatus);
            Assert.Equal([id], (await engine.Client.ListAsync(new InstanceQuery())).Instances.Select(r => r.InstanceId));

            Assert.Equal(ControlResult.Accepted, await engine.Client.PurgeAsync(id));
        }

        Assert.Empty(await history.ReadAsync(id));
        Assert.Null(await index.GetAsync(id));
    }

    private Task<EngineCluster> StartEngineAsync() => EngineCluster.StartAsync(storage: silo =>
        silo.UsePlanFunctionsAzureTableStorage(o =>
        {
            o.ConnectionString = _options.ConnectionString;
            o.TaskHubName = _options.TaskHubName;
        }));
}
