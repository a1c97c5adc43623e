using System.Text.Json;
using Azure.Data.Tables;
using PlanFunctions.TestSupport;

namespace PlanFunctions.Cli.Tests;

/// <summary><c>planfunctions run --storage</c> keeps the run in Azure Table Storage (Azurite here).</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class RunWithStorageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_run_with_storage_completes_and_its_history_is_in_the_storage_account()
    {
        var run = await PlanFunctionsProcess.RunAsync(
            "run", Path.Combine(RepositoryPaths.Examples, "morning-report.json"), "--json", "--storage", azurite.ConnectionString);

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}; stderr: {run.Error}");
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal("Completed", document.RootElement.GetProperty("runtimeStatus").GetString());
        var instanceId = document.RootElement.GetProperty("instanceId").GetString()!;
        var history = new TableClient(azurite.ConnectionString, "PlanFunctionsHistory");
        var rows = history.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId);
        var count = 0;
        await foreach (var row in rows)
        {
            count++;
        }

        Assert.True(count > 3, $"the run's history has {count} rows in the storage account");
        Assert.DoesNotContain("IN MEMORY", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_connection_string_is_one_clear_line_and_no_stack_trace()
    {
        var run = await PlanFunctionsProcess.RunAsync(
            "run", Path.Combine(RepositoryPaths.Examples, "morning-report.json"), "--json", "--storage", "this is not a connection string");

        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Contains("connection string", run.Error, StringComparison.OrdinalIgnoreCase);
    }
}
