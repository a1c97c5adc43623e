using PlanFunctions.Runtime.Instances;

namespace PlanFunctions.Runtime.Tests.Storage;

public sealed class InMemoryInstanceStoreTests : InstanceStoreContract
{
    protected override IInstanceStore Store { get; } = new InMemoryInstanceStore();
}
