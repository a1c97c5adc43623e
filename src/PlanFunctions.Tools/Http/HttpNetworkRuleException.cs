namespace PlanFunctions.Tools.Http;

/// <summary>Thrown when a connection would break the network rules; the message names the host and the rule.</summary>
internal sealed class HttpNetworkRuleException : Exception
{
    public HttpNetworkRuleException()
    {
    }

    public HttpNetworkRuleException(string message)
        : base(message)
    {
    }

    public HttpNetworkRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
