using Microsoft.Extensions.Logging.Abstractions;
using PlanFunctions.Core.Execution;
using PlanFunctions.Runtime.Instances;
using PlanFunctions.Runtime.Storage;
using PlanFunctions.TestSupport;
using PlanFunctions.Client;

namespace PlanFunctions.Runtime.Tests.Storage;

[Collection(AzuriteFixture.CollectionName)]
public sealed class AzureTableInstanceStoreTests(AzuriteFixture azurite) : InstanceStoreContract
{
    private readonly AzureTableStorageOptions _options = azurite.CreateOptions();

    protected override IInstanceStore Store => CreateStore();

    [Fact]
    public void The_index_is_kept_in_the_hub_instances_table()
    {
        Assert.Equal(_options.TaskHubName + "Instances", CreateStore().TableName);
    }

    [Fact]
    public async Task A_prefix_longer_than_a_hashed_key_keeps_still_finds_the_long_ids()
    {
        var head = new string('r', 350);
        foreach (var id in new[] { head + "-a", head + "-b", head[..^1] + "s" })
        {
            await CreateStore().UpsertAsync(new InstanceRecord
            {
                InstanceId = id,
                Name = "long",
                RuntimeStatus = RuntimeStatus.Running,
                CreatedTime = DateTimeOffset.UnixEpoch,
                LastUpdatedTime = DateTimeOffset.UnixEpoch,
            });
        }

        var page = await CreateStore().QueryAsync(new InstanceQuery { InstanceIdPrefix = head + "-" });

        Assert.Equal([head + "-a", head + "-b"], page.Instances.Select(r => r.InstanceId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_continuation_token_it_did_not_hand_out_is_refused_by_name()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => CreateStore().QueryAsync(new InstanceQuery { ContinuationToken = "not base64!" }));

        Assert.Contains("'not base64!'", error.Message, StringComparison.Ordinal);
    }

    private AzureTableInstanceStore CreateStore() => new(_options, NullLogger<AzureTableInstanceStore>.Instance);
}
