using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using PlanFunctions.Runtime.Clustering;
using PlanFunctions.Runtime.Storage;

namespace PlanFunctions.Runtime.Tests.Clustering;

/// <summary>Membership entries and tables for the clustering tests.</summary>
internal static class MembershipEntries
{
    public static readonly DateTime StartTime = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567);

    private static int _nextPort = 11000;

    public static SiloAddress NewSilo() =>
        SiloAddress.New(IPAddress.Loopback, Interlocked.Increment(ref _nextPort), 400_000_000 + Random.Shared.Next(1_000_000));

    public static MembershipEntry Entry(SiloAddress silo, SiloStatus status = SiloStatus.Joining, int proxyPort = 30000) => new()
    {
        SiloAddress = silo,
        Status = status,
        SuspectTimes = [],
        ProxyPort = proxyPort,
        HostName = "host-" + silo.Endpoint.Port,
        SiloName = "silo-" + silo.Endpoint.Port,
        RoleName = "planfunctions",
        UpdateZone = 1,
        FaultZone = 2,
        StartTime = StartTime,
        IAmAliveTime = StartTime,
    };

    public static AzureTableMembershipTable Table(AzureTableStorageOptions options, string clusterId) => new(
        options,
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "membership-tests" }),
        NullLogger<AzureTableMembershipTable>.Instance);

    public static string NewClusterId() => "cluster-" + Guid.NewGuid().ToString("N");
}
