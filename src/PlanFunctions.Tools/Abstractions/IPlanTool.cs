using System.Text.Json;

namespace PlanFunctions.Tools.Abstractions;

/// <summary>
/// A tool that plan steps call by <see cref="Name"/>. One instance serves every run at once, so an implementation
/// must be thread-safe; register it with <c>AddPlanFunctionsTool&lt;TTool&gt;()</c>.
/// </summary>
/// <remarks>
/// <para>
/// A tool reports its outcome as a <see cref="ToolResult"/>. It may also throw: the engine treats an exception as a
/// retryable failure, except a <see cref="ToolException"/> whose <see cref="ToolException.Retryable"/> is
/// <see langword="false"/>, and an <see cref="OperationCanceledException"/> thrown once the cancellation token has
/// fired, which means the attempt was cancelled (its timeout passed, the run was cancelled or terminated, or
/// another step stopped the run).
/// </para>
/// <para>
/// Activities are at-least-once: an attempt may run again after a host dies, so a tool with side effects should
/// be idempotent per <see cref="ToolInvocation.InstanceId"/>, <see cref="ToolInvocation.StepId"/> and
/// <see cref="ToolInvocation.Attempt"/>.
/// </para>
/// </remarks>
public interface IPlanTool
{
    /// <summary>The name plans use in a step's <c>tool</c> property; compared exactly (ordinal, case-sensitive).</summary>
    string Name { get; }

    /// <summary>
    /// Checks a step's parameters when the plan is submitted, before any template is filled in. A string value
    /// that contains <c>{{</c> is a template not yet filled and must be accepted whatever type is expected there.
    /// </summary>
    /// <param name="parameters">The step's <c>parameters</c> object.</param>
    /// <returns>
    /// Every problem, each as the property's path inside the parameters (such as <c>headers.Accept</c>; empty for
    /// the parameters as a whole) and what is wrong with it. Empty when the parameters are fine.
    /// </returns>
    IEnumerable<(string Property, string Message)> CheckParameters(JsonElement parameters);

    /// <summary>Carries out one attempt of a step.</summary>
    /// <param name="invocation">The step's attempt and its parameters, templates filled in.</param>
    /// <param name="cancellationToken">
    /// Fires when the attempt must stop: its timeout passed, or the run was cancelled, terminated or stopped by a
    /// failed step. A tool should stop promptly and let the <see cref="OperationCanceledException"/> propagate.
    /// </param>
    Task<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken);
}
