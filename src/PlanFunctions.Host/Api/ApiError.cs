namespace PlanFunctions.Host.Api;

/// <summary>Every error answer: <c>{ "error": "...", "details": [ ... ] }</c>.</summary>
/// <param name="Error">What went wrong, in words.</param>
/// <param name="Details">Each problem found, where there are several (a plan's problems); empty otherwise.</param>
public sealed record ApiError(string Error, IReadOnlyList<ApiErrorDetail> Details);
