namespace PlanFunctions.Tools.AzureOpenAI;

/// <summary>
/// A call to Azure OpenAI that gave no usable answer. The message says what happened (status, the service's own
/// message, a timeout) and never holds the API key.
/// </summary>
public sealed class AzureOpenAIException : Exception
{
    /// <summary>A retryable failure with no message of its own.</summary>
    public AzureOpenAIException()
        : this("the call to Azure OpenAI failed", retryable: true)
    {
    }

    /// <summary>A retryable failure.</summary>
    public AzureOpenAIException(string message)
        : this(message, retryable: true)
    {
    }

    /// <summary>A retryable failure caused by another exception.</summary>
    public AzureOpenAIException(string message, Exception innerException)
        : this(message, retryable: true, status: null, innerException)
    {
    }

    /// <summary>A failure that is retryable or not, with the HTTP status when the service answered.</summary>
    public AzureOpenAIException(string message, bool retryable, int? status = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Retryable = retryable;
        Status = status;
    }

    /// <summary>Whether trying again may help: a timeout, a network fault, HTTP 408, 429 or 5xx.</summary>
    public bool Retryable { get; }

    /// <summary>The HTTP status the service answered with; <see langword="null"/> when it did not answer.</summary>
    public int? Status { get; }
}
