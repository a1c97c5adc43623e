using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Orleans;
using Orleans.Runtime;
using PlanFunctions.Runtime.Storage;

namespace PlanFunctions.Runtime.Clustering;

/// <summary>
/// The layout of the membership table: one partition per cluster, holding one version row and one row per silo.
/// Silo rows carry a concurrency token of their own (<see cref="RowTokenProperty"/>), which only inserts and updates
/// change, so a heartbeat never spoils a row etag that Orleans read earlier.
/// </summary>
internal static class MembershipRows
{
    /// <summary>
    /// Row key of the version row. '!' sorts before every escaped silo address, so a partition query reads the version
    /// first; a silo row written after that carries a newer version and gives the tear away.
    /// </summary>
    public const string VersionRowKey = "!VersionRow";

    public const string VersionProperty = "MembershipVersion";
    public const string ClusterIdProperty = "ClusterId";
    public const string SiloAddressProperty = "SiloAddress";
    public const string StatusProperty = "Status";
    public const string ProxyPortProperty = "ProxyPort";
    public const string HostNameProperty = "HostName";
    public const string SiloNameProperty = "SiloName";
    public const string RoleNameProperty = "RoleName";
    public const string UpdateZoneProperty = "UpdateZone";
    public const string FaultZoneProperty = "FaultZone";
    public const string StartTimeProperty = "StartTime";
    public const string IAmAliveTimeProperty = "IAmAliveTime";
    public const string SuspectTimesProperty = "SuspectTimes";

    /// <summary>The row's concurrency token, handed to Orleans as the row etag.</summary>
    public const string RowTokenProperty = "RowToken";

    /// <summary>The table version the row was last inserted or updated with.</summary>
    public const string WrittenAtVersionProperty = "WrittenAtVersion";

    public static string PartitionKey(string clusterId) => TableKeys.Compose(clusterId);

    public static string RowKey(SiloAddress silo) => TableKeys.Escape(silo.ToParsableString());

    public static TableEntity VersionRow(string partitionKey, int version) =>
        new(partitionKey, VersionRowKey) { [VersionProperty] = version };

    public static TableEntity SiloRow(string partitionKey, string clusterId, MembershipEntry entry, int version, string rowToken) => new(partitionKey, RowKey(entry.SiloAddress))
    {
        [ClusterIdProperty] = clusterId,
        [SiloAddressProperty] = entry.SiloAddress.ToParsableString(),
        [StatusProperty] = entry.Status.ToString(),
        [ProxyPortProperty] = entry.ProxyPort,
        [HostNameProperty] = entry.HostName,
        [SiloNameProperty] = entry.SiloName,
        [RoleNameProperty] = entry.RoleName,
        [UpdateZoneProperty] = entry.UpdateZone,
        [FaultZoneProperty] = entry.FaultZone,
        [StartTimeProperty] = ToUtcOffset(entry.StartTime),
        [IAmAliveTimeProperty] = ToUtcOffset(entry.IAmAliveTime),
        [SuspectTimesProperty] = WriteSuspectTimes(entry.SuspectTimes),
        [RowTokenProperty] = rowToken,
        [WrittenAtVersionProperty] = version,
    };

    public static bool IsVersionRow(TableEntity entity) => entity.RowKey == VersionRowKey;

    public static int ReadVersion(TableEntity versionRow, string tableName) =>
        versionRow.GetInt32(VersionProperty)
        ?? throw Damaged(versionRow, tableName, VersionProperty);

    public static string ReadRowToken(TableEntity siloRow, string tableName) =>
        siloRow.GetString(RowTokenProperty) ?? throw Damaged(siloRow, tableName, RowTokenProperty);

    public static int ReadWrittenAtVersion(TableEntity siloRow, string tableName) =>
        siloRow.GetInt32(WrittenAtVersionProperty) ?? throw Damaged(siloRow, tableName, WrittenAtVersionProperty);

    public static SiloStatus ReadStatus(TableEntity siloRow, string tableName) =>
        Enum.TryParse<SiloStatus>(siloRow.GetString(StatusProperty), ignoreCase: false, out var status)
            ? status
            : throw Damaged(siloRow, tableName, StatusProperty);

    public static SiloAddress ReadSiloAddress(TableEntity siloRow, string tableName) =>
        siloRow.GetString(SiloAddressProperty) is { } address
            ? SiloAddress.FromParsableString(address)
            : throw Damaged(siloRow, tableName, SiloAddressProperty);

    public static MembershipEntry ToEntry(TableEntity siloRow, string tableName) => new()
    {
        SiloAddress = ReadSiloAddress(siloRow, tableName),
        Status = ReadStatus(siloRow, tableName),
        ProxyPort = siloRow.GetInt32(ProxyPortProperty) ?? 0,
        HostName = siloRow.GetString(HostNameProperty),
        SiloName = siloRow.GetString(SiloNameProperty),
        RoleName = siloRow.GetString(RoleNameProperty),
        UpdateZone = siloRow.GetInt32(UpdateZoneProperty) ?? 0,
        FaultZone = siloRow.GetInt32(FaultZoneProperty) ?? 0,
        StartTime = ReadTime(siloRow, StartTimeProperty),
        IAmAliveTime = ReadTime(siloRow, IAmAliveTimeProperty),
        SuspectTimes = ReadSuspectTimes(siloRow, tableName),
    };

    public static DateTimeOffset ToUtcOffset(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => new DateTimeOffset(time),
        DateTimeKind.Local => new DateTimeOffset(time.ToUniversalTime()),
        _ => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
    };

    private static DateTime ReadTime(TableEntity siloRow, string property) =>
        siloRow.GetDateTimeOffset(property)?.UtcDateTime ?? default;

    private static string WriteSuspectTimes(List<Tuple<SiloAddress, DateTime>>? suspectTimes)
    {
        var votes = (suspectTimes ?? []).Select(vote => new SuspectVote(
            vote.Item1.ToParsableString(),
            ToUtcOffset(vote.Item2).UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        return JsonSerializer.Serialize(votes.ToArray());
    }

    private static List<Tuple<SiloAddress, DateTime>> ReadSuspectTimes(TableEntity siloRow, string tableName)
    {
        var text = siloRow.GetString(SuspectTimesProperty);
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        try
        {
            var votes = JsonSerializer.Deserialize<SuspectVote[]>(text) ?? [];
            return [.. votes.Select(vote => Tuple.Create(
                SiloAddress.FromParsableString(vote.Silo),
                DateTime.Parse(vote.Time, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)))];
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            throw Damaged(siloRow, tableName, SuspectTimesProperty, e);
        }
    }

    private static InvalidOperationException Damaged(TableEntity row, string tableName, string property, Exception? inner = null) =>
        new($"The membership row ({row.PartitionKey}, {row.RowKey}) in table {tableName} is damaged: {property} is missing or unreadable.", inner);

    /// <summary>One silo's vote that the row's silo is dead, as stored in <see cref="SuspectTimesProperty"/>.</summary>
    private sealed record SuspectVote(string Silo, string Time);
}
