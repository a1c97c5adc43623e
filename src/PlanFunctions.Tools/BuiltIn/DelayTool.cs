using System.Text.Json;
using PlanFunctions.Core.Tools;
using PlanFunctions.Tools.Abstractions;
using PlanFunctions.Tools.Parameters;

namespace PlanFunctions.Tools.BuiltIn;

/// <summary>
/// The <c>delay</c> tool: waits <c>milliseconds</c> (a whole number, at least 0) and returns
/// <c>{ "waitedMs": n }</c>. Cancellation stops the wait at once.
/// </summary>
/// <param name="timeProvider">The clock the wait is measured on.</param>
public sealed class DelayTool(TimeProvider timeProvider) : IPlanTool
{
    private const string Milliseconds = "milliseconds";

    /// <inheritdoc />
    public string Name => BuiltInToolNames.Delay;

    /// <inheritdoc />
    public IEnumerable<(string Property, string Message)> CheckParameters(JsonElement parameters) =>
        Read(parameters, acceptTemplates: true).Reader.Problems;

    /// <inheritdoc />
    public async Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var (reader, milliseconds) = Read(invocation.Parameters, acceptTemplates: false);
        if (reader.HasProblems || milliseconds is not { } wait)
        {
            return ToolResult.Failure(reader.Summary(Name), retryable: false);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(wait), timeProvider, cancellationToken).ConfigureAwait(false);
        return ToolResult.Success(JsonSerializer.SerializeToElement(new { waitedMs = wait }));
    }

    private static (ParameterReader Reader, int? Milliseconds) Read(JsonElement parameters, bool acceptTemplates)
    {
        var reader = new ParameterReader(parameters, acceptTemplates);
        reader.RejectUnknown(Milliseconds);
        var milliseconds = reader.Integer(Milliseconds, required: true, minimum: 0);
        return (reader, milliseconds);
    }
}
