using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;
using PlanFunctions.Runtime.Storage;
using PlanFunctions.Core.Diagnostics;

namespace PlanFunctions.Runtime.Clustering;

/// <summary>
/// Tells Orleans clients which silos of their cluster accept client connections: the active silos with a gateway port,
/// read from the membership table that <see cref="AzureTableMembershipTable"/> keeps.
/// </summary>
public sealed partial class AzureTableGatewayListProvider : IGatewayListProvider
{
    private readonly LazyTable table;
    private readonly string clusterId;
    private readonly string partitionKey;
    private readonly ILogger<AzureTableGatewayListProvider> logger;

    /// <summary>Creates the gateway list of the configured cluster.</summary>
    /// <param name="options">Where the membership table is; validated here.</param>
    /// <param name="clusterOptions">The cluster id chooses the partition.</param>
    /// <param name="gatewayOptions">How often the client refreshes its list.</param>
    /// <param name="logger">The logger.</param>
    public AzureTableGatewayListProvider(
        AzureTableStorageOptions options,
        IOptions<ClusterOptions> clusterOptions,
        IOptions<GatewayOptions> gatewayOptions,
        ILogger<AzureTableGatewayListProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(clusterOptions);
        ArgumentNullException.ThrowIfNull(gatewayOptions);
        ArgumentNullException.ThrowIfNull(logger);
        AzureTableStorageOptionsValidator.ThrowIfInvalid(options, "gateway list");
        clusterId = clusterOptions.Value.ClusterId;
        if (string.IsNullOrEmpty(clusterId))
        {
            throw new ArgumentException("The cluster's ClusterId is empty; gateways are looked up per cluster.", nameof(clusterOptions));
        }

        partitionKey = MembershipRows.PartitionKey(clusterId);
        MaxStaleness = gatewayOptions.Value.GatewayListRefreshPeriod;
        this.logger = logger;
        table = new LazyTable(options.CreateTableClient(AzureTableNames.Membership(options.TaskHubName)));
    }

    /// <summary>The name of the membership table the gateways are read from.</summary>
    public string TableName => table.Name;

    /// <inheritdoc />
    public TimeSpan MaxStaleness { get; }

    /// <inheritdoc />
    public bool IsUpdatable => true;

    /// <inheritdoc />
    public async Task InitializeGatewayListProvider() => await GetTableAsync().ConfigureAwait(false);

    /// <summary>The gateway URIs (<c>gwy.tcp://ip:proxyPort/generation</c>) of the cluster's active silos that have a gateway.</summary>
    public async Task<IList<Uri>> GetGateways()
    {
        var client = await GetTableAsync().ConfigureAwait(false);
        var active = SiloStatus.Active.ToString();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and Status eq {active} and ProxyPort gt {0}");
        var gateways = new List<Uri>();
        await foreach (var row in client.QueryAsync<TableEntity>(
            filter, select: [MembershipRows.SiloAddressProperty, MembershipRows.ProxyPortProperty]).ConfigureAwait(false))
        {
            var silo = MembershipRows.ReadSiloAddress(row, table.Name);
            var proxyPort = row.GetInt32(MembershipRows.ProxyPortProperty) ?? 0;
            gateways.Add(SiloAddress.New(silo.Endpoint.Address, proxyPort, silo.Generation).ToGatewayUri());
        }

        LogGatewaysFound(logger, gateways.Count, clusterId);
        return gateways;
    }

    private ValueTask<TableClient> GetTableAsync() =>
        table.GetAsync(tableName => LogTableReady(logger, tableName), CancellationToken.None);

    [LoggerMessage(EventId = LogEventIds.Runtime.GatewayTableReady, Level = LogLevel.Debug, Message = "Gateways are looked up in table {TableName}")]
    private static partial void LogTableReady(ILogger logger, string tableName);

    [LoggerMessage(EventId = LogEventIds.Runtime.GatewaysFound, Level = LogLevel.Debug, Message = "Found {Count} gateways of cluster {ClusterId}")]
    private static partial void LogGatewaysFound(ILogger logger, int count, string clusterId);
}
