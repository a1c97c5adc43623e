using Azure.Data.Tables;

namespace PlanFunctions.Runtime.Storage;

/// <summary>A table client whose table is created on first use, once; a failed creation is tried again next time.</summary>
internal sealed class LazyTable(TableClient client)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile bool created;

    /// <summary>The table's name.</summary>
    public string Name => client.Name;

    /// <summary>Returns the client once the table is known to exist.</summary>
    /// <param name="onCreated">Called after this instance made sure the table exists.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async ValueTask<TableClient> GetAsync(Action<string>? onCreated, CancellationToken cancellationToken)
    {
        if (created)
        {
            return client;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!created)
            {
                await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                created = true;
                onCreated?.Invoke(client.Name);
            }
        }
        finally
        {
            gate.Release();
        }

        return client;
    }
}
