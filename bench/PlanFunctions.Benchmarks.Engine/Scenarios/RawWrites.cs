using System.Diagnostics;
using Azure.Data.Tables;

namespace PlanFunctions.Benchmarks.Engine.Scenarios;

/// <summary>
/// Azurite's own write rate, the storage-bound limit: single-entity upserts with the Azure.Data.Tables client the
/// engine uses: one writer (the bound of a chain, which has one write in flight at a time) and many concurrent writers
/// (the bound of many runs at once).
/// </summary>
internal static class RawWrites
{
    public static async Task<RawWriteResult> MeasureAsync(string connectionString, TimeSpan duration, int writers)
    {
        var table = new TableClient(connectionString, "raw" + Guid.NewGuid().ToString("N"));
        await table.CreateIfNotExistsAsync();
        await WriteAsync(table, TimeSpan.FromMilliseconds(300), "warmup", writers);

        var clock = Stopwatch.StartNew();
        var writes = await WriteAsync(table, duration, "measured", writers);
        clock.Stop();
        await table.DeleteAsync();
        return new RawWriteResult(writes, clock.Elapsed, writers);
    }

    private static async Task<long> WriteAsync(TableClient table, TimeSpan duration, string partition, int writers)
    {
        long writes = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async writer =>
        {
            for (var i = 0; Stopwatch.GetTimestamp() < deadline; i++)
            {
                var entity = new TableEntity($"{partition}{writer}", i.ToString("D10", System.Globalization.CultureInfo.InvariantCulture))
                {
                    ["Data"] = "{\"type\":\"StepSucceeded\",\"stepId\":\"s1\",\"attempt\":1,\"output\":{}}",
                };
                await table.UpsertEntityAsync(entity, TableUpdateMode.Replace);
                Interlocked.Increment(ref writes);
            }
        }));
        return writes;
    }
}
