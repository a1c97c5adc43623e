namespace PlanFunctions.Core.Tests.Properties;

/// <summary>How a scripted tool answers one attempt.</summary>
internal enum AttemptKind
{
    Succeed,
    FailRetryable,
    FailFatal,

    /// <summary>Never answers: only the attempt's timeout or a cancellation ends it.</summary>
    Hang,
}
