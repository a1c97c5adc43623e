namespace PlanFunctions.Runtime.Storage;

/// <summary>A grain's state does not fit in one Azure Table entity (1 MiB), so it was not written.</summary>
public sealed class GrainStateTooLargeException : Exception
{
    /// <summary>Creates the exception for the state <paramref name="stateName"/> of grain <paramref name="grainId"/>.</summary>
    /// <param name="grainId">The grain whose state was written.</param>
    /// <param name="stateName">The name of the state.</param>
    /// <param name="sizeBytes">The size of the entity the state would have needed.</param>
    /// <param name="limitBytes">The largest entity Azure Table Storage accepts.</param>
    public GrainStateTooLargeException(string grainId, string stateName, long sizeBytes, long limitBytes)
        : base($"The state '{stateName}' of grain {grainId} needs {sizeBytes:N0} bytes in Azure Table Storage, more than the {limitBytes:N0} bytes one entity may hold; it was not written.")
    {
        GrainId = grainId;
        StateName = stateName;
        SizeBytes = sizeBytes;
        LimitBytes = limitBytes;
    }

    /// <summary>The grain whose state was written.</summary>
    public string GrainId { get; }

    /// <summary>The name of the state.</summary>
    public string StateName { get; }

    /// <summary>The size of the entity the state would have needed, in bytes.</summary>
    public long SizeBytes { get; }

    /// <summary>The largest entity Azure Table Storage accepts, in bytes.</summary>
    public long LimitBytes { get; }
}
