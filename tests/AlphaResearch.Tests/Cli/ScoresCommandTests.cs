using AlphaResearch.Cli.Commands;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.MarketData;
using Spectre.Console.Cli;

namespace AlphaResearch.Tests.Cli;

public class ScoresCommandTests
{
    private static int Run(params string[] args)
    {
        var app = new CommandApp();
        app.Configure(c =>
        {
            c.PropagateExceptions();
            c.Settings.Registrar.RegisterInstance(new CliOutput(TextWriter.Null, TextWriter.Null, new Spectre.Console.Testing.TestConsole()));
            c.AddCommand<ScoresCommand>("scores");
        });
        return app.Run(["scores", .. args], TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Scores_the_embedded_sample_for_a_sector()
        => Assert.Equal(ExitCodes.Ok, Run("--sector", "Health Care", "--top", "5", "--json"));

    [Theory]
    [InlineData(new[] { "--sector", "Crypto" }, "unknown sector 'Crypto'")]
    [InlineData(new[] { "--top", "0" }, "--top must be positive (got 0)")]
    [InlineData(new[] { "--regime", "sideways" }, "--regime 'sideways' is not a regime")]
    [InlineData(new[] { "--date", "2030-01-01" }, "--date 2030-01-01 is after the snapshot's last session 2025-01-10")]
    [InlineData(new[] { "--date", "2020-01-01" }, "--date 2020-01-01 is before the snapshot's first session 2024-01-02")]
    [InlineData(new[] { "--date", "10/01/2025" }, "--date '10/01/2025' is not a date")]
    public void Bad_options_are_one_line_errors(string[] args, string message)
    {
        var ex = Assert.Throws<UserFacingException>(() => Run(args));
        Assert.Equal(message, ex.Message);
        Assert.NotNull(ex.Hint);
    }

    [Theory]
    [InlineData("2025-01-11", "2025-01-10")] // Saturday researches Friday
    [InlineData("2025-01-09", "2025-01-08")] // the national day of mourning (market closed) researches the day before
    [InlineData(null, "2025-01-10")]           // default: the snapshot's last session
    public void The_run_date_is_the_last_session_on_or_before_the_requested_date(string? requested, string expected)
    {
        var snapshot = SnapshotOpener.Open(null);
        var date = SnapshotOpener.ResolveRunDate(snapshot, requested is null ? null : DateOnly.Parse(requested, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
    }
}
