namespace PlanFunctions.Tools.Abstractions;

/// <summary>Thrown by a tool to fail its attempt with a message and a say on whether it may be retried.</summary>
public sealed class ToolException : Exception
{
    /// <summary>A retryable failure with no message of its own.</summary>
    public ToolException()
        : this("the tool failed", retryable: true)
    {
    }

    /// <summary>A retryable failure.</summary>
    public ToolException(string message)
        : this(message, retryable: true)
    {
    }

    /// <summary>A retryable failure caused by another exception.</summary>
    public ToolException(string message, Exception innerException)
        : this(message, retryable: true, innerException)
    {
    }

    /// <summary>A failure that is retryable or not.</summary>
    public ToolException(string message, bool retryable, Exception? innerException = null)
        : base(message, innerException) => Retryable = retryable;

    /// <summary>Whether the engine may retry the step after this failure.</summary>
    public bool Retryable { get; }
}
