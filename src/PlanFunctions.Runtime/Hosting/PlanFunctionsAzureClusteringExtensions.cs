using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Messaging;
using PlanFunctions.Runtime.Clustering;
using PlanFunctions.Runtime.Storage;

namespace PlanFunctions.Runtime.Hosting;

/// <summary>
/// Cluster membership in Azure Table Storage: silos that share a storage account (<c>AzureWebJobsStorage</c>), a task
/// hub and a cluster id (<see cref="ClusterOptions.ClusterId"/>) find each other in the <c>{hub}Membership</c> table,
/// and clients find the silos' gateways there.
/// </summary>
public static class PlanFunctionsAzureClusteringExtensions
{
    /// <summary>The name of the options the membership table and the gateway list are configured with.</summary>
    public const string MembershipOptionsName = "PlanFunctionsMembership";

    /// <summary>
    /// Keeps the silo's cluster membership in Azure Table Storage with <see cref="AzureTableMembershipTable"/>. The task
    /// hub defaults to <c>extensions:durableTask:hubName</c> and the connection string to <c>AzureWebJobsStorage</c>;
    /// <paramref name="configure"/> overrides both.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the options.</param>
    public static ISiloBuilder UsePlanFunctionsAzureTableClustering(this ISiloBuilder builder, Action<AzureTableStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddOptions(builder.Services, configure);
        builder.Services.AddSingleton<IMembershipTable>(static services => new AzureTableMembershipTable(
            MembershipOptions(services),
            services.GetRequiredService<IOptions<ClusterOptions>>(),
            services.GetRequiredService<ILogger<AzureTableMembershipTable>>()));
        return builder;
    }

    /// <summary>
    /// Lets the client find its cluster's gateways in Azure Table Storage with <see cref="AzureTableGatewayListProvider"/>.
    /// The options default as for <see cref="UsePlanFunctionsAzureTableClustering(ISiloBuilder, Action{AzureTableStorageOptions}?)"/>,
    /// so a client and silos with the same configuration meet in the same table.
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="configure">Sets the options.</param>
    public static IClientBuilder UsePlanFunctionsAzureTableClustering(this IClientBuilder builder, Action<AzureTableStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddOptions(builder.Services, configure);
        builder.Services.AddSingleton<IGatewayListProvider>(static services => new AzureTableGatewayListProvider(
            MembershipOptions(services),
            services.GetRequiredService<IOptions<ClusterOptions>>(),
            services.GetRequiredService<IOptions<GatewayOptions>>(),
            services.GetRequiredService<ILogger<AzureTableGatewayListProvider>>()));
        return builder;
    }

    private static void AddOptions(IServiceCollection services, Action<AzureTableStorageOptions>? configure)
    {
        // The hub from configuration first, so the caller's configure, which runs later, wins.
        services.AddOptions<AzureTableStorageOptions>(MembershipOptionsName)
            .Configure<IServiceProvider>(static (options, services) =>
            {
                var hub = services.GetService<IConfiguration>()?[PlanFunctionsRuntimeOptions.SectionName + ":hubName"];
                if (!string.IsNullOrWhiteSpace(hub))
                {
                    options.TaskHubName = hub;
                }
            });
        AzureTableStorageSiloBuilderExtensions.AddOptions(services, MembershipOptionsName, configure);
    }

    private static AzureTableStorageOptions MembershipOptions(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<AzureTableStorageOptions>>().Get(MembershipOptionsName);
}
