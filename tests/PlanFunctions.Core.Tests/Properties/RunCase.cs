using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PlanFunctions.Core.Plans;
using PlanFunctions.Core.Serialization;

namespace PlanFunctions.Core.Tests.Properties;

/// <summary>
/// One generated scenario: a valid plan, what its tools answer attempt by attempt, the answers to its AI
/// conditions, the control events sent while it runs, and where (in thousandths of its history) the host
/// "crashes" for the recovery property.
/// </summary>
internal sealed record RunCase(
    Plan Plan,
    IReadOnlyDictionary<string, IReadOnlyList<AttemptScript>> Scripts,
    IReadOnlyDictionary<string, bool> AiAnswers,
    IReadOnlyList<ControlAt> Controls,
    IReadOnlyList<int> CrashPoints)
{
    private static readonly JsonSerializerOptions Readable = new(PlanJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What a scripted tool does with this attempt: the last scripted answer repeats.</summary>
    public AttemptScript ScriptFor(string stepId, int attempt)
    {
        var script = Scripts[stepId];
        return script[Math.Min(attempt, script.Count) - 1];
    }

    /// <summary>The case as text a person can read and turn into a scenario test: printed for a shrunk failure.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.Append("plan ").AppendLine(JsonSerializer.Serialize(Plan with { Steps = [] }, Readable));
        foreach (var step in Plan.Steps)
        {
            text.Append("  ").Append(JsonSerializer.Serialize(step, Readable));
            if (step.Tool is "echo" or "custom")
            {
                text.Append("  script: [").AppendJoin(", ", Scripts[step.Id]).Append(']');
            }

            if (step.Condition?.IsAi == true)
            {
                text.Append("  ai answers: ").Append(AiAnswers[step.Id] ? "yes" : "no");
            }

            text.AppendLine();
        }

        text.Append("controls: [").AppendJoin(", ", Controls).AppendLine("]");
        text.Append("crash points (per mille of the history): [").AppendJoin(", ", CrashPoints).AppendLine("]");
        return text.ToString();
    }
}
