using AlphaResearch.Domain;
using AlphaResearch.Engine;

namespace AlphaResearch.Tests.Engine;

/// <summary>Research-policy alerts reach the run result and the log (issue 13: CIO floor unmet).</summary>
public sealed class RunAlertTests : IDisposable
{
    private readonly EngineHarness _h = new();
    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_cio_floor_alert_is_in_the_result_json_and_logged_as_a_warning()
    {
        var alert = new CioAlert { Kind = CioAlert.FloorUnmet, Message = "CIO floor unmet: 0 new entrant(s) of a minimum of 2", Floor = 2 };
        _h.Cio.Behavior = (req, _) => Task.FromResult(Sample.Cio(req.Candidates.Select(c => c.Recommendation.Ticker)) with { Alerts = [alert] });

        var r = await _h.RunAsync();

        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.Equal([new RunAlert("cio_floor_unmet", alert.Message)], r.Alerts);
        Assert.Contains("\"alerts\":[{\"kind\":\"cio_floor_unmet\"", JsonConventions.Serialize(r));
        Assert.Contains(_h.Logger.Collector.GetSnapshot(), l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Message == $"alert cio_floor_unmet: {alert.Message}");
    }

    [Fact]
    public async Task A_quiet_run_has_no_alerts()
    {
        var r = await _h.RunAsync();
        Assert.Empty(r.Alerts);
    }
}
