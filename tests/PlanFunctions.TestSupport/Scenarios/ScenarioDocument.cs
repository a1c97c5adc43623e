using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Core.Status;
using Xunit;

namespace PlanFunctions.TestSupport.Scenarios;

/// <summary>
/// A run's status document with what differs from run to run taken out, and the golden file every engine's document
/// must match (<c>tests/PlanFunctions.TestSupport/Scenarios/expected/&lt;scenario&gt;.json</c>).
/// </summary>
/// <remarks>
/// Taken out: the instance id (written <c>(instanceId)</c> wherever it appears), times and durations
/// (<c>createdTime</c>, <c>lastUpdatedTime</c>, <c>startedTime</c>, <c>completedTime</c>, <c>elapsedSeconds</c>,
/// <c>remainingSeconds</c>), the <c>historyEvents</c>, the HTTP <c>Date</c> header of an <c>http</c> step's output and the
/// scenario world's port (written <c>(world)/</c>); an attempt's timeout is written <c>attempt N timed out (limit)</c>,
/// since its wording depends on which of two timers fired first. Kept: statuses, outputs, attempts, errors, the response and the
/// <c>customStatus</c> counters. A missing golden file fails the scenario unless the environment variable
/// <see cref="WriteVariable"/> is <c>1</c>, in which case it is written from this run (never overwritten: delete a
/// file to write it again).
/// </remarks>
public static partial class ScenarioDocument
{
    /// <summary>The environment variable that lets a run write the golden files that are missing.</summary>
    public const string WriteVariable = "PLANFUNCTIONS_WRITE_SCENARIOS";

    private static readonly HashSet<string> TimeProperties = new(StringComparer.Ordinal)
    {
        "createdTime", "lastUpdatedTime", "startedTime", "completedTime", "elapsedSeconds", "remainingSeconds",
    };

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The repository's root folder (where PlanFunctions.sln is), found above the test's output folder.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The folder of the golden files, in the source tree.</summary>
    public static string ExpectedFolder { get; } = Path.Combine(RepositoryRoot, "tests", "PlanFunctions.TestSupport", "Scenarios", "expected");

    /// <summary>The document with what differs from run to run taken out.</summary>
    public static JsonNode Normalise(OrchestrationStatus status, Uri world)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(world);
        var node = JsonSerializer.SerializeToNode(status with { HistoryEvents = null }, PlanJson.Options)!;
        var obj = node.AsObject();
        obj.Remove("historyEvents");
        var worldText = world.ToString();
        return Clean(node, status.InstanceId, worldText.EndsWith('/') ? worldText : worldText + "/", parentName: null)!;
    }

    /// <summary>Asserts the run's normalised document is the scenario's golden one (writing it when missing and asked to).</summary>
    public static void AssertMatchesGolden(string scenario, OrchestrationStatus status, Uri world, string engine)
    {
        var actual = Normalise(status, world);
        var text = actual.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
        var path = Path.Combine(ExpectedFolder, scenario + ".json");
        if (!File.Exists(path))
        {
            if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
            {
                File.WriteAllText(path, text);
                return;
            }

            var written = WriteActual(scenario, engine, text);
            Assert.Fail($"Scenario {scenario} has no golden file {path}. Set {WriteVariable}=1 to write it from this run, read it, and commit it. This run's document: {written}");
        }

        var expected = JsonNode.Parse(File.ReadAllText(path))!;
        if (JsonNode.DeepEquals(expected, actual))
        {
            return;
        }

        var wantLines = expected.ToJsonString(Indented).ReplaceLineEndings("\n").Split('\n');
        var gotLines = text.TrimEnd('\n').Split('\n');
        var common = Math.Min(wantLines.Length, gotLines.Length);
        var first = Enumerable.Range(0, common).FirstOrDefault(i => wantLines[i] != gotLines[i], common);
        string Around(string[] lines) => string.Join('\n', lines.Skip(Math.Max(0, first - 6)).Take(14));
        var actualPath = WriteActual(scenario, engine, text);
        Assert.Fail($"The status document of scenario {scenario} on {engine} differs from the golden file {path} from line {first + 1}.\n"
            + $"Expected:\n{Around(wantLines)}\n{engine}'s:\n{Around(gotLines)}\nWhole document: {actualPath}");
    }

    private static string WriteActual(string scenario, string engine, string text)
    {
        var folder = Path.Combine(Path.GetTempPath(), "planfunctions-scenarios");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{scenario}.{engine}.json");
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonNode? Clean(JsonNode? node, string instanceId, string world, string? parentName)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (TimeProperties.Contains(name) || (parentName == "headers" && name.Equals("Date", StringComparison.OrdinalIgnoreCase)))
                    {
                        obj.Remove(name);
                    }
                    else
                    {
                        var cleaned = Clean(obj[name], instanceId, world, name);
                        if (!ReferenceEquals(cleaned, obj[name]))
                        {
                            obj[name] = cleaned;
                        }
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var cleaned = Clean(array[i], instanceId, world, null);
                    if (!ReferenceEquals(cleaned, array[i]))
                    {
                        array[i] = cleaned;
                    }
                }

                return array;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                var replaced = AttemptTimedOut().Replace(text.Replace(instanceId, "(instanceId)", StringComparison.Ordinal).Replace(world, "(world)/", StringComparison.Ordinal), "attempt $1 timed out (limit)");
                return replaced == text ? value : JsonValue.Create(replaced);
            default:
                return node;
        }
    }

    // A timeout reads "attempt N timed out after L s" whichever clock saw the deadline first (Core's timer or the tool
    // runner's token); the limit is taken out so the golden files do not pin each scenario's timeouts.
    [GeneratedRegex(@"attempt (\d+) timed out after [0-9.]+ s")]
    private static partial Regex AttemptTimedOut();

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PlanFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no PlanFunctions.sln above {AppContext.BaseDirectory}, so the scenarios' golden files cannot be found");
    }
}
