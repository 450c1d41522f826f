using AlphaResearch.Cli.Infrastructure;

namespace AlphaResearch.Tests.Cli;

/// <summary>--set: the command-line layer of the configuration, over --config.</summary>
public sealed class ConfigOptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ar-set-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Set_wins_over_the_config_file()
    {
        var file = Path.Combine(_dir, "team.json");
        File.WriteAllText(file, """{ "llm": { "fast_model": "from-file", "strategic_model": "file-strategic" } }""");
        var (code, output, _, _) = await StrictParsingTests.Cli("config", "--config", file, "--set", "llm.fast_model=from-flag");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("\"fast_model\": \"from-flag\"", output);
        Assert.Contains("\"strategic_model\": \"file-strategic\"", output);
    }

    [Fact]
    public async Task An_unknown_set_key_is_exit_2_naming_the_option_and_key()
    {
        var (code, _, err, _) = await StrictParsingTests.Cli("run", "--dry-run", "--store", _dir, "--set", "llm.fast_modle=x");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error: command-line option llm.fast_modle: invalid configuration at key 'llm.fast_modle': unknown key", err);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }
}
