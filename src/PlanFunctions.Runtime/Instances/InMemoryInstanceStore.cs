using System.Collections.Concurrent;
using System.Text;
using PlanFunctions.Client;

namespace PlanFunctions.Runtime.Instances;

/// <summary>The instance index kept in this process: the embedded default.</summary>
public sealed class InMemoryInstanceStore : IInstanceStore
{
    private readonly ConcurrentDictionary<string, InstanceRecord> _records = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task UpsertAsync(InstanceRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records[record.InstanceId] = record;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<InstanceRecord?> GetAsync(string instanceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.GetValueOrDefault(instanceId));

    /// <inheritdoc />
    public Task<InstancePage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.ContinuationToken is { } token ? Encoding.UTF8.GetString(Convert.FromBase64String(token)) : null;
        var matches = _records.Values
            .Where(r => after is null || string.CompareOrdinal(r.InstanceId, after) > 0)
            .Where(r => query.Matches(r))
            .OrderBy(r => r.InstanceId, StringComparer.Ordinal)
            .Take(query.Top + 1)
            .ToList();
        var more = matches.Count > query.Top;
        if (more)
        {
            matches.RemoveAt(matches.Count - 1);
        }

        var next = more ? Convert.ToBase64String(Encoding.UTF8.GetBytes(matches[^1].InstanceId)) : null;
        return Task.FromResult(new InstancePage(matches, next));
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.TryRemove(instanceId, out _));
}
