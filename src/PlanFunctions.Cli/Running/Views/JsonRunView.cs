using System.Text.Encodings.Web;
using System.Text.Json;
using PlanFunctions.Core.Serialization;
using PlanFunctions.Runtime.Orchestration;
using PlanFunctions.Core.Status;

namespace PlanFunctions.Cli.Running.Views;

/// <summary>
/// <c>--json</c>: nothing on standard output while the run goes (a word on standard error when it starts and at
/// Ctrl+C), then its final status document alone.
/// </summary>
internal sealed class JsonRunView(TextWriter output, TextWriter error) : IRunView
{
    // Relaxed escaping: the document is read in a terminal or by a JSON parser, never embedded in HTML.
    private static readonly JsonSerializerOptions Indented = new(PlanJson.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task FollowAsync(IAsyncEnumerable<RunSnapshot> snapshots, CancellationToken cancellationToken)
    {
        var started = false;
        var announced = false;
        await foreach (var snapshot in snapshots.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (!started)
            {
                started = true;
                await error.WriteLineAsync($"planfunctions: running '{snapshot.Name}' as instance {snapshot.InstanceId}; Ctrl+C cancels it").ConfigureAwait(false);
            }

            if (snapshot.CancelRequested && !announced)
            {
                announced = true;
                await error.WriteLineAsync(CancelNotice.Text).ConfigureAwait(false);
            }
        }
    }

    public async Task EndAsync(OrchestrationStatus status, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(JsonSerializer.Serialize(status, Indented).AsMemory(), cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
