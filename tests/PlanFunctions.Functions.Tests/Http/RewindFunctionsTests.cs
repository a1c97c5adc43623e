using System.Net;
using PlanFunctions.Functions.Http;
using PlanFunctions.Functions.Tests.TestSupport;

namespace PlanFunctions.Functions.Tests.Http;

/// <summary>The rewind trigger's answers where the run cannot be rewound; a rewind itself runs in DurableTask.Tests on Azurite.</summary>
public sealed class RewindFunctionsTests : IDisposable
{
    private readonly FunctionsApp _app = new(new Dictionary<string, string?>());

    private readonly DurableClientMock _durable = new();

    private RewindFunctions Rewind => _app.Create<RewindFunctions>();

    [Fact]
    public async Task An_unknown_run_is_404_and_nothing_is_scheduled()
    {
        var response = await Rewind.RewindAsync(FunctionsHttp.Request(_app.Services, "POST", "api/plans/nobody/rewind", null), _durable.Object, "nobody", CancellationToken.None);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("nobody", (string)FunctionsHttp.Body(response)["error"]!, StringComparison.Ordinal);
        Assert.Empty(_durable.Scheduled);
    }

    public void Dispose() => _app.Dispose();
}
