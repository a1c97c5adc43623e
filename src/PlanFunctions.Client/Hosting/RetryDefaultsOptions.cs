using System.ComponentModel.DataAnnotations;
using PlanFunctions.Core.Plans;

namespace PlanFunctions.Client.Hosting;

/// <summary>The retry policy of steps whose plan sets none, from <c>extensions:durableTask:defaultRetry</c>.</summary>
public sealed class RetryDefaultsOptions
{
    /// <summary>Attempts in all, the first one included.</summary>
    [Range(1, 100)]
    public int MaxNumberOfAttempts { get; set; } = RetryPolicy.Default.MaxNumberOfAttempts;

    /// <summary>The wait before the first retry, in seconds.</summary>
    [Range(0.001, 86_400)]
    public double FirstRetryIntervalSeconds { get; set; } = RetryPolicy.Default.FirstRetryIntervalSeconds;

    /// <summary>Each wait is the previous one times this.</summary>
    [Range(1, 100)]
    public double BackoffCoefficient { get; set; } = RetryPolicy.Default.BackoffCoefficient;

    /// <summary>No wait is longer than this, in seconds.</summary>
    [Range(0.001, 86_400)]
    public double MaxRetryIntervalSeconds { get; set; } = RetryPolicy.Default.MaxRetryIntervalSeconds;

    /// <summary>As a plan's retry policy.</summary>
    public RetryPolicy ToRetryPolicy() => new()
    {
        MaxNumberOfAttempts = MaxNumberOfAttempts,
        FirstRetryIntervalSeconds = FirstRetryIntervalSeconds,
        BackoffCoefficient = BackoffCoefficient,
        MaxRetryIntervalSeconds = MaxRetryIntervalSeconds,
    };
}
