using PlanFunctions.Runtime.Hosting;

namespace PlanFunctions.Cli.Engine;

/// <summary>Where the embedded engine keeps its runs: in memory (the default), or in Azure Table Storage.</summary>
internal sealed class EmbeddedEngineStorage
{
    /// <summary>
    /// Puts the engine's state in Azure Table Storage with a connection string; <see langword="null"/> while the
    /// runtime has no such provider. The one switch to turn <c>--storage</c> on, once it has:
    /// <c>(silo, connectionString) =&gt; silo.UsePlanFunctionsAzureTableStorage(o =&gt; o.ConnectionString = connectionString)</c>.
    /// </summary>
    private static readonly Action<ISiloBuilder, string>? UseAzureTableStorage = null;

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

        if (UseAzureTableStorage is null)
        {
            return (null, "--storage: not available yet: this build of the engine cannot keep runs in Azure Table Storage; leave --storage out to run in memory");
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
            UseAzureTableStorage!(silo, _connectionString);
        }
    }
}
