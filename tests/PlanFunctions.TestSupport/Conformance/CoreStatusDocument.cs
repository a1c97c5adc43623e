using System.Text.Json;
using System.Text.Json.Nodes;
using PlanFunctions.Core.Execution;
using PlanFunctions.Core.Execution.Events;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Core.Status;
using Xunit;

namespace PlanFunctions.TestSupport.Conformance;

/// <summary>
/// The status document Core builds from the events an engine shows: an engine conforms when its document is this one,
/// times aside.
/// </summary>
public static class CoreStatusDocument
{
    /// <summary>Everything a status document can show: history with outputs, and the input.</summary>
    public static StatusQuery Full { get; } = new(ShowHistory: true, ShowHistoryOutput: true, ShowInput: true);

    private static readonly HashSet<string> TimeProperties = new(StringComparer.Ordinal)
    {
        "createdTime", "lastUpdatedTime", "startedTime", "completedTime", "elapsedSeconds", "remainingSeconds",
    };

    /// <summary>The run's events, read back from a status document read with <see cref="Full"/>.</summary>
    public static IReadOnlyList<RunEvent> Events(OrchestrationStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        Assert.True(status.HistoryEvents is not null, $"the status of {status.InstanceId} has no historyEvents although showHistory was asked for");
        return [.. status.HistoryEvents!.Select(e => e.Deserialize<RunEvent>(PlanJson.Options)
            ?? throw new InvalidOperationException($"a history event of {status.InstanceId} is null"))];
    }

    /// <summary>The run as Core folds the events a status document shows.</summary>
    public static PlanRun Fold(OrchestrationStatus status, PlanLimits limits) => PlanRun.FromHistory(Events(status), limits);

    /// <summary>The document Core builds from the events of <paramref name="status"/>, at <paramref name="now"/>.</summary>
    public static OrchestrationStatus Build(OrchestrationStatus status, PlanLimits limits, DateTimeOffset now)
    {
        var events = Events(status);
        return RunStatusDocument.Build(PlanRun.FromHistory(events, limits), now, Full, admitted: true, events);
    }

    /// <summary>Asserts that two status documents are the same, times aside, showing both where they differ.</summary>
    public static void AssertSame(OrchestrationStatus expected, OrchestrationStatus actual)
    {
        var want = Normalise(expected);
        var got = Normalise(actual);
        if (!JsonNode.DeepEquals(want, got))
        {
            var options = new JsonSerializerOptions { WriteIndented = true };
            var wantLines = want.ToJsonString(options).Split('\n');
            var gotLines = got.ToJsonString(options).Split('\n');
            var first = Enumerable.Range(0, Math.Min(wantLines.Length, gotLines.Length)).FirstOrDefault(i => wantLines[i] != gotLines[i], Math.Min(wantLines.Length, gotLines.Length));
            string Around(string[] lines) => string.Join('\n', lines.Skip(Math.Max(0, first - 8)).Take(16));
            Assert.Fail($"The engine's status document of {actual.InstanceId} differs from Core's from line {first + 1}.\nCore's:\n{Around(wantLines)}\nThe engine's:\n{Around(gotLines)}");
        }
    }

    /// <summary>A status document as JSON with its times (and the progress's seconds) replaced by a placeholder.</summary>
    public static JsonNode Normalise(OrchestrationStatus status)
    {
        var node = JsonSerializer.SerializeToNode(status, PlanJson.Options)!;
        Blank(node);
        return node;
    }

    private static void Blank(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (TimeProperties.Contains(name) && obj[name] is not null)
                    {
                        obj[name] = "(time)";
                    }
                    else if (name != "historyEvents")
                    {
                        Blank(obj[name]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Blank(item);
                }

                break;
        }
    }
}
