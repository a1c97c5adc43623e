using PlanFunctions.Core.Plans;

namespace PlanFunctions.Core.Retry;

/// <summary>The retry arithmetic of Durable Functions' RetryOptions, with time handed in.</summary>
public static class RetryCalculator
{
    /// <summary>
    /// The wait after failed attempt <paramref name="failedAttempt"/> (1-based) before the next one:
    /// the first interval times the coefficient to the power (attempt - 1), never more than the cap.
    /// </summary>
    public static TimeSpan DelayAfter(RetryPolicy policy, int failedAttempt)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        var seconds = policy.FirstRetryIntervalSeconds * Math.Pow(policy.BackoffCoefficient, failedAttempt - 1);
        if (double.IsNaN(seconds) || seconds > policy.MaxRetryIntervalSeconds)
        {
            seconds = policy.MaxRetryIntervalSeconds;
        }

        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>
    /// When the next attempt starts after attempt <paramref name="failedAttempt"/> failed at <paramref name="failedAt"/>,
    /// or <see langword="null"/> when the policy allows no further attempt: all attempts used, or the retry
    /// would start later than the retry timeout after <paramref name="firstAttemptStarted"/>.
    /// </summary>
    public static DateTimeOffset? NextAttemptTime(RetryPolicy policy, int failedAttempt, DateTimeOffset failedAt, DateTimeOffset firstAttemptStarted)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (failedAttempt >= policy.MaxNumberOfAttempts)
        {
            return null;
        }

        var next = failedAt + DelayAfter(policy, failedAttempt);
        if (policy.RetryTimeoutSeconds is { } retryTimeout && next > firstAttemptStarted + TimeSpan.FromSeconds(retryTimeout))
        {
            return null;
        }

        return next;
    }
}
