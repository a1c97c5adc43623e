using PlanFunctions.Runtime.History;

namespace PlanFunctions.Runtime.Tests.Storage;

public sealed class InMemoryRunHistoryStoreTests : RunHistoryStoreContract
{
    protected override IRunHistoryStore Store { get; } = new InMemoryRunHistoryStore();
}
