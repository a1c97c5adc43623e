using System.Globalization;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Client.Api;

/// <summary>
/// Every error answer of the HTTP API, from the self-hosted service and the Functions app alike:
/// <c>{ "error": "...", "details": [ ... ] }</c>.
/// </summary>
/// <param name="Error">What went wrong, in words.</param>
/// <param name="Details">Each problem found, where there are several (a plan's problems); empty otherwise.</param>
public sealed record ApiError(string Error, IReadOnlyList<ApiErrorDetail> Details)
{
    /// <summary>An error with one detail.</summary>
    public static ApiError WithDetail(string error, string path, string? property, string detail) =>
        new(error, [new ApiErrorDetail { Path = path, Property = property, Message = detail }]);

    /// <summary>The 400 answer to a plan with problems: every one of them, none accepted.</summary>
    public static ApiError PlanRejected(IReadOnlyCollection<PlanProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var count = problems.Count;
        return new(
            count == 1 ? "The plan was not accepted: 1 problem." : string.Create(CultureInfo.InvariantCulture, $"The plan was not accepted: {count} problems."),
            [.. problems.Select(ApiErrorDetail.From)]);
    }

    /// <summary>The 400 answer to a start request without a body.</summary>
    public static ApiError EmptyPlan() =>
        WithDetail("The body must be a plan (see plan-format.md); it is empty.", "$", null, "a plan is required");

    /// <summary>The 400 answer to a chosen instance id that cannot be used (<see cref="InstanceIds.Problem"/>).</summary>
    public static ApiError InstanceIdRejected(string problem) =>
        WithDetail("The instance id cannot be used.", "instanceId", "instanceId", problem);

    /// <summary>The 409 answer to a start under an instance id whose run has not ended.</summary>
    public static ApiError RunNotEnded(string instanceId) =>
        new($"The instance '{instanceId}' has a run that has not ended; terminate or wait for it before starting another under this id.", []);

    /// <summary>The 413 answer to a body over <see cref="HttpApiOptions.MaxRequestBodyBytes"/>.</summary>
    public static ApiError BodyTooLarge(long limit) =>
        new(string.Create(CultureInfo.InvariantCulture, $"The request body is larger than the limit of {limit} bytes (extensions:http:maxRequestBodyBytes)."), []);
}
