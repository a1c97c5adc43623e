using PlanFunctions.Runtime.Hosting;

namespace PlanFunctions.Cli.Engine;

/// <summary>Where the embedded engine keeps its runs: in memory (the default), or in Azure Table Storage.</summary>
internal sealed class EmbeddedEngineStorage
{
    private readonly string? _connectionString;

    private EmbeddedEngineStorage(string? connectionString) => _connectionString = connectionString;

    /// <summary>State in this process's memory, lost when it ends.</summary>
    public static EmbeddedEngineStorage InMemory { get; } = new(null);

    /// <summary>
    /// The storage a <c>--storage</c> value asks for (memory when none is given), or why it cannot be had.
    /// </summary>
    public static (EmbeddedEngineStorage? Storage, string? Error) From(string? connectionString)
    {
        if (connectionString is null)
        {
            return (InMemory, null);
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return (null, "--storage: the connection string is empty; give one, e.g. UseDevelopmentStorage=true for Azurite");
        }

        return (new EmbeddedEngineStorage(connectionString), null);
    }

    /// <summary>Configures the silo's storage.</summary>
    public void Configure(ISiloBuilder silo)
    {
        if (_connectionString is null)
        {
            silo.UsePlanFunctionsInMemoryStorage();
        }
        else
        {
            silo.UsePlanFunctionsAzureTableStorage(options => options.ConnectionString = _connectionString);
        }
    }
}
