using PlanFunctions.Host.Tests.Security;

namespace PlanFunctions.Host.Tests.DurableClient;

/// <summary>The same client against a service with a key: the key travels in the URL templates, as a Functions host writes them.</summary>
public sealed class DurableFunctionsClientWithKeyTests(KeyedHostFixture fixture) : IClassFixture<KeyedHostFixture>
{
    [Fact]
    public async Task The_client_with_the_key_in_its_url_templates_runs_the_whole_scenario()
    {
        var seen = await DurableClientScenario.RunAsync("webhook", fixture.Host.Address, KeyedHostFixture.Key);

        DurableFunctionsClientTests.AssertScenario(seen);
    }
}
