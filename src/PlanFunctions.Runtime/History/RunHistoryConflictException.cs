namespace PlanFunctions.Runtime.History;

/// <summary>Another writer appended to a run's history first: the writer's view of the run is stale.</summary>
public sealed class RunHistoryConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunHistoryConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RunHistoryConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RunHistoryConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
