using System.Text;

namespace PlanFunctions.Runtime.Entities;

/// <summary>Which statistics shard a run reports to: a hash of its instance id that is the same on every host.</summary>
public static class StatisticsShard
{
    /// <summary>The shard of an instance id, from 0 to <paramref name="shardCount"/> - 1.</summary>
    public static long Of(string instanceId, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash % (uint)shardCount;
    }
}
