using AlphaResearch.Cli.Commands;
using AlphaResearch.Llm.Simulator;
using Spectre.Console.Cli;

namespace AlphaResearch.Tests.Llm;

/// <summary>`llm-sim` options: help renders (its fault-rule example is not read as console markup), bad values are refused.</summary>
public sealed class LlmSimCommandTests
{
    private static CommandApp App()
    {
        var app = new CommandApp();
        app.Configure(c =>
        {
            c.PropagateExceptions();
            c.AddCommand<LlmSimCommand>("llm-sim");
        });
        return app;
    }

    [Fact]
    public async Task Help_renders_and_exits_zero()
    {
        var original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        int code;
        try { code = await App().RunAsync(["llm-sim", "--help"], TestContext.Current.CancellationToken); }
        finally { Console.SetOut(original); }

        Assert.Equal(0, code);
    }

    [Theory]
    [InlineData("--content", "hostile", "--content 'hostile': use cooperative or uncooperative")]
    [InlineData("--token-factor", "0", "--token-factor must be a positive number, e.g. 1.25")]
    [InlineData("--min-cacheable", "-1", "--min-cacheable must be 0 or more tokens")]
    public void Bad_values_are_refused_naming_the_option(string option, string value, string message)
    {
        var settings = option switch
        {
            "--content" => new LlmSimCommand.Settings { Content = value },
            "--token-factor" => new LlmSimCommand.Settings { TokenFactor = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            _ => new LlmSimCommand.Settings { MinCacheable = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
        };
        var result = settings.Validate();
        Assert.False(result.Successful);
        Assert.Equal(message, result.Message);
    }

    [Fact]
    public void Content_mode_is_parsed_case_insensitively()
    {
        Assert.Equal(SimContentMode.Uncooperative, new LlmSimCommand.Settings { Content = "Uncooperative" }.ContentMode);
        Assert.Equal(SimContentMode.Cooperative, new LlmSimCommand.Settings().ContentMode);
    }
}
