using AlphaResearch.Cli.Infrastructure;

namespace AlphaResearch.Tests.Cli;

/// <summary>Bad input is exit 2 — before anything starts — whatever the option.</summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ar-exit-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("--deadline", "99999999999999999999h", "--deadline '99999999999999999999h' is longer than the longest supported duration (49 days)")]
    [InlineData("--deadline", "1e400h", "--deadline '1e400h' is not a duration")]
    [InlineData("--date", "2025-13-01", "--date '2025-13-01' is not a date")]
    [InlineData("--llm", "gpt", "--llm 'gpt' is not a provider")]
    [InlineData("--log-format", "xml", "--log-format 'xml' is not a log format")]
    public async Task A_bad_run_option_is_exit_2_and_starts_nothing(string option, string value, string message)
    {
        var (code, _, err, _) = await StrictParsingTests.Cli("run", "--dry-run", "--store", _dir, option, value);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"error: {message}", err);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Theory]
    [InlineData("run", "--dry-run")]
    [InlineData("status")]
    [InlineData("show")]
    public async Task A_store_that_is_a_file_is_exit_2(params string[] command)
    {
        string file = Path.Combine(_dir, "not-a-folder");
        File.WriteAllText(file, "x");
        var (code, _, err, _) = await StrictParsingTests.Cli([.. command, "--store", file]);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"error: --store '{file}' is a file, not a folder", err);
    }

    [Fact]
    public void Every_documented_exit_code_is_distinct()
    {
        int[] codes = [ExitCodes.Ok, ExitCodes.Failed, ExitCodes.BadInput, ExitCodes.Skipped, ExitCodes.Cancelled];
        Assert.Equal(codes.Length, codes.Distinct().Count());
        Assert.Equal([0, 1, 2, 3, 130], codes);
    }
}
