namespace PlanFunctions.Runtime.Tests.Hardening;

/// <summary>An exception whose message cannot even be read: its getter throws.</summary>
internal sealed class UnreadableMessageException : Exception
{
    public override string Message => throw new InvalidOperationException("the message of this exception cannot be read");

    public override string ToString() => throw new InvalidOperationException("this exception cannot be written out");
}
