using System.Text.Json;
using PlanFunctions.Core.Tools;
using PlanFunctions.Tools.Abstractions;
using PlanFunctions.Tools.Parameters;

namespace PlanFunctions.Tools.BuiltIn;

/// <summary>
/// The <c>fail</c> tool, for trying out retries: fails attempts 1 to <c>failTimes</c> (default: every attempt)
/// with <c>message</c>, retryable unless <c>retryable</c> is false, then returns <c>{ "attempts": n }</c>.
/// </summary>
public sealed class FailTool : IPlanTool
{
    private const string MessageParameter = "message";
    private const string FailTimesParameter = "failTimes";
    private const string RetryableParameter = "retryable";

    /// <inheritdoc />
    public string Name => BuiltInToolNames.Fail;

    /// <inheritdoc />
    public IEnumerable<(string Property, string Message)> CheckParameters(JsonElement parameters) =>
        Read(parameters, acceptTemplates: true).Reader.Problems;

    /// <inheritdoc />
    public Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        cancellationToken.ThrowIfCancellationRequested();

        var (reader, settings) = Read(invocation.Parameters, acceptTemplates: false);
        if (reader.HasProblems)
        {
            return Task.FromResult(ToolResult.Failure(reader.Summary(Name), retryable: false));
        }

        if (settings.FailTimes is not { } failTimes || invocation.Attempt <= failTimes)
        {
            var message = settings.Message ?? $"the fail tool failed attempt {invocation.Attempt}, as asked";
            return Task.FromResult(ToolResult.Failure(message, settings.Retryable ?? true));
        }

        return Task.FromResult(ToolResult.Success(JsonSerializer.SerializeToElement(new { attempts = invocation.Attempt })));
    }

    private static (ParameterReader Reader, Settings Settings) Read(JsonElement parameters, bool acceptTemplates)
    {
        var reader = new ParameterReader(parameters, acceptTemplates);
        reader.RejectUnknown(MessageParameter, FailTimesParameter, RetryableParameter);
        var settings = new Settings(
            reader.Text(MessageParameter, required: false, nonEmpty: true),
            reader.Integer(FailTimesParameter, required: false, minimum: 1),
            reader.Boolean(RetryableParameter));
        return (reader, settings);
    }

    private readonly record struct Settings(string? Message, int? FailTimes, bool? Retryable);
}
