namespace PlanFunctions.Runtime.Messaging;

/// <summary>
/// Grain references by string key without Orleans resolving the interface's grain type from its attributes on every
/// call (<see cref="IGrainFactory.GetGrain{TGrainInterface}(string, string?)"/> reads them each time): a run makes
/// a new activity reference per attempt, so that lookup was a measurable share of a step's cost.
/// </summary>
internal static class GrainReferences
{
    /// <summary>The reference to the grain of interface <typeparamref name="TGrain"/> with <paramref name="key"/>.</summary>
    public static TGrain Get<TGrain>(IGrainFactory grains, string key)
        where TGrain : IGrainWithStringKey
    {
        var (grainType, interfaceType) = Types<TGrain>.Resolve(grains);
        return (TGrain)grains.GetGrain(GrainId.Create(grainType, key), interfaceType);
    }

    private static class Types<TGrain>
        where TGrain : IGrainWithStringKey
    {
        private static (GrainType, GrainInterfaceType)? resolved;

        // Grain and interface types come from the attributes of compiled types, so they are the same in every cluster of a process.
        public static (GrainType, GrainInterfaceType) Resolve(IGrainFactory grains)
        {
            if (resolved is { } known)
            {
                return known;
            }

            var reference = (GrainReference)(object)grains.GetGrain<TGrain>("-");
            known = (reference.GrainId.Type, reference.InterfaceType);
            resolved = known;
            return known;
        }
    }
}
