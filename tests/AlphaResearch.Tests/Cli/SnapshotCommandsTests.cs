using AlphaResearch.Cli.Commands;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.MarketData;
using Spectre.Console.Cli;

namespace AlphaResearch.Tests.Cli;

public class SnapshotCommandsTests
{
    /// <summary>The snapshot branch registered as Program.cs does (exceptions propagate to the test).</summary>
    private static CommandApp App()
    {
        var app = new CommandApp();
        app.Configure(c =>
        {
            c.PropagateExceptions();
            c.Settings.Registrar.RegisterInstance(new CliOutput(TextWriter.Null, TextWriter.Null, new Spectre.Console.Testing.TestConsole()));
            c.AddBranch("snapshot", b =>
            {
                b.AddCommand<SnapshotImportCommand>("import");
                b.AddCommand<SnapshotCheckCommand>("check");
            });
        });
        return app;
    }

    [Fact]
    public void Check_on_the_embedded_sample_exits_zero()
    {
        Assert.Equal(ExitCodes.Ok, App().Run(["snapshot", "check", "--json"], TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Check_of_a_snapshot_with_a_missing_team_exits_failed()
    {
        using var t = new MarketData.TempSnapshot();
        Assert.Equal(ExitCodes.Failed, App().Run(["snapshot", "check", "--snapshot", t.Root, "--json"], TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Malformed_snapshot_is_a_user_facing_error_naming_the_file()
    {
        using var t = new MarketData.TempSnapshot();
        t.Write("constituents.csv", "ticker,name,sector\n");
        var e = Assert.Throws<UserFacingException>(() => App().Run(["snapshot", "check", "--snapshot", t.Root], TestContext.Current.CancellationToken));
        Assert.Equal($"{t.Path("constituents.csv")}, line 1, column 4: expected column 'sub_industry', found ''. The header must be ticker,name,sector,sub_industry,index", e.Message);
        Assert.Equal(ExitCodes.BadInput, e.ExitCode);
    }

    [Fact]
    public void Import_then_check_round_trips_the_raw_fixture()
    {
        var dir = Directory.CreateTempSubdirectory("ar-cli-").FullName;
        try
        {
            var app = App();
            Assert.Equal(ExitCodes.Ok, app.Run(["snapshot", "import", "--from", MarketData.TempSnapshot.RawFixtures, "--out", dir, "--json"], TestContext.Current.CancellationToken));
            Assert.Equal(2, new SnapshotLoader().Load(dir).Constituents.Count);
            Assert.Throws<UserFacingException>(() => App().Run(["snapshot", "import", "--from", MarketData.TempSnapshot.RawFixtures, "--out", dir, "--price-set", "nasdaq"], TestContext.Current.CancellationToken));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
