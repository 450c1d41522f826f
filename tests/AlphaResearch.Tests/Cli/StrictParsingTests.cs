using System.ComponentModel;
using System.Reflection;
using AlphaResearch.Archive;
using AlphaResearch.Cli.Composition;
using AlphaResearch.Hosting;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Llm;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Testing;

namespace AlphaResearch.Tests.Cli;

/// <summary>Strict parsing over the real command tree: a typo is an exit-2 error that names it and never starts anything.</summary>
public sealed class StrictParsingTests
{
    /// <summary>A run factory that records whether the run was ever started.</summary>
    private sealed class TrippedFactory : IRunServicesFactory
    {
        public int Calls;
        public LlmProvider ResolveProvider(RunRequest request) { Calls++; return LlmProvider.Anthropic; }
        public Task<RunComposition> CreateAsync(RunRequest request, IObjectStore runStore, CancellationToken ct) { Calls++; throw new InvalidOperationException("a run started"); }
    }

    internal static async Task<(int Code, string Out, string Err, string Console)> Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new TestConsole().Width(80);
        int code = await CliApp.RunAsync(args, new TrippedFactory(), console, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString(), console.Output);
    }

    public static TheoryData<string> CommandPaths() => new(CliApp.Commands.Select(c => c.Path));

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task An_unknown_option_is_exit_2_naming_it(string command)
    {
        var (code, _, err, _) = await Cli([.. command.Split(' '), "--no-such-option"]);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"error: unknown option '--no-such-option' for '{command}'", err);
        Assert.Contains($"alpha-research {command} --help", err);
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task An_extra_argument_is_exit_2_naming_it(string command)
    {
        var (code, _, err, _) = await Cli([.. command.Split(' '), "stray"]);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"error: unexpected argument 'stray' for '{command}'", err);
    }

    [Fact]
    public async Task A_typo_of_dry_run_suggests_it_and_never_starts_a_run()
    {
        var factory = new TrippedFactory();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CliApp.RunAsync(["run", "--dry-runn"], factory, new TestConsole(), stdout, stderr);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(0, factory.Calls);
        Assert.Equal("error: unknown option '--dry-runn' for 'run'\nhint: did you mean --dry-run? (run 'alpha-research run --help' for its options)\n",
            stderr.ToString().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(new[] { "run", "--storr", "x" }, "--store")]
    [InlineData(new[] { "scores", "--tickers", "AAPL" }, "--ticker")]
    [InlineData(new[] { "status", "--dryrun" }, "--dry-run")]
    [InlineData(new[] { "snapshot", "check", "--snapshots", "x" }, "--snapshot")]
    public async Task The_nearest_valid_option_is_suggested(string[] args, string suggestion)
    {
        var (code, _, err, _) = await Cli(args);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"hint: did you mean {suggestion}?", err);
    }

    [Fact]
    public async Task An_option_missing_its_value_is_exit_2()
    {
        var (code, _, err, _) = await Cli("run", "--dry-run", "--deadline");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error: option --deadline needs a value", err);
    }

    [Fact]
    public async Task A_negative_number_is_a_value_not_an_option()
    {
        var (code, _, err, _) = await Cli("scores", "--top", "-5");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--top must be positive (got -5)", err);
    }

    [Fact]
    public async Task An_unknown_command_suggests_the_nearest()
    {
        var (code, _, err, _) = await Cli("snapshot", "chek");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("did you mean 'snapshot check'?", err);
    }

    [Fact]
    public async Task A_branch_without_its_command_is_exit_2_without_a_wrong_suggestion()
    {
        var (code, _, err, _) = await Cli("snapshot", "--bogus");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.DoesNotContain("unknown command 'snapshot'", err);
    }

    [Fact]
    public async Task With_json_a_parse_error_is_a_json_object_on_stdout_with_the_same_exit_code()
    {
        var (code, stdout, err, _) = await Cli("run", "--json", "--dry-runn");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", err);
        var json = System.Text.Json.Nodes.JsonNode.Parse(stdout)!;
        Assert.Equal("ERROR", (string)json["status"]!);
        Assert.Equal("unknown option '--dry-runn' for 'run'", (string)json["error"]!);
        Assert.StartsWith("did you mean --dry-run?", (string)json["hint"]!);
        Assert.Equal(2, (int)json["exit_code"]!);
    }

    public static TheoryData<string> HelpInvocations() => new(new[] { "" }.Concat(CliApp.Commands.Select(c => c.Path)).Append("snapshot").Append("bench"));

    [Theory]
    [MemberData(nameof(HelpInvocations))]
    public async Task Help_exits_zero_with_no_error_line(string command)
    {
        string[] args = [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"];
        var (code, _, err, console) = await Cli(args);
        Assert.True(code == 0, $"{string.Join(' ', args)} exited {code}: {err}");
        Assert.Equal("", err);
        Assert.DoesNotContain("error:", console, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("USAGE:", console);
    }

    [Fact]
    public void Every_option_description_is_valid_console_markup()
    {
        var bad = new List<string>();
        foreach (var (path, settings) in CliApp.Commands)
        {
            foreach (var p in settings.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (p.GetCustomAttribute<DescriptionAttribute>() is not { } d) continue;
                try { _ = new Markup(d.Description); }
                catch (InvalidOperationException e) { bad.Add($"{path} {p.Name}: {e.Message}"); }
            }
        }
        Assert.Empty(bad);
    }
}
