using System.Text.Json;
using PlanFunctions.Core.Tools;
using PlanFunctions.Tools.Abstractions;
using PlanFunctions.Tools.Parameters;

namespace PlanFunctions.Tools.BuiltIn;

/// <summary>The <c>echo</c> tool: returns its parameters, after templates. Takes any parameters object.</summary>
public sealed class EchoTool : IPlanTool
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <inheritdoc />
    public string Name => BuiltInToolNames.Echo;

    /// <inheritdoc />
    public IEnumerable<(string Property, string Message)> CheckParameters(JsonElement parameters) =>
        new ParameterReader(parameters, acceptTemplates: true).Problems;

    /// <inheritdoc />
    public Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        cancellationToken.ThrowIfCancellationRequested();

        var reader = new ParameterReader(invocation.Parameters, acceptTemplates: false);
        if (reader.HasProblems)
        {
            return Task.FromResult(ToolResult.Failure(reader.Summary(Name), retryable: false));
        }

        var output = invocation.Parameters.ValueKind == JsonValueKind.Object ? invocation.Parameters : EmptyObject;
        return Task.FromResult(ToolResult.Success(output));
    }
}
