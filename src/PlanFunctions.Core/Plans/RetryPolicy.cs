using System.Text.Json.Serialization;

namespace PlanFunctions.Core.Plans;

/// <summary>How a step's retryable failures are retried; names follow Durable Functions' RetryOptions.</summary>
public sealed record RetryPolicy
{
    /// <summary>The policy of a step for which nothing is set: four attempts, 2 s first wait, doubling, capped at 60 s.</summary>
    public static RetryPolicy Default { get; } = new();

    /// <summary>Attempts in all, the first one included; 1 means no retry.</summary>
    public int MaxNumberOfAttempts { get; init; } = 4;

    /// <summary>The wait before the first retry, in seconds.</summary>
    public double FirstRetryIntervalSeconds { get; init; } = 2;

    /// <summary>Each wait is the previous one times this.</summary>
    public double BackoffCoefficient { get; init; } = 2.0;

    /// <summary>No wait is longer than this, in seconds.</summary>
    public double MaxRetryIntervalSeconds { get; init; } = 60;

    /// <summary>No retry starts later than this many seconds after the first attempt started; <see langword="null"/> for no limit.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RetryTimeoutSeconds { get; init; }
}
