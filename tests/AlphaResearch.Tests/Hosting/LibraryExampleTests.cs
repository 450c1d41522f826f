using System.Text.RegularExpressions;
using AlphaResearch.Archive;
using AlphaResearch.Config;
using AlphaResearch.Engine;
using AlphaResearch.Hosting;
using AlphaResearch.Llm;
using AlphaResearch.Tests.Publishing;
using Microsoft.Extensions.DependencyInjection;

namespace AlphaResearch.Tests.Hosting;

/// <summary>docs/LIBRARY.md's program, run as written: the block between the markers is the doc's code, line for line.</summary>
public sealed partial class LibraryExampleTests : IDisposable
{
    private readonly TempDir _dir = new();

    private static async Task<int> Program(string[] args)
    {
        // LIBRARY.md begin
        var configuration = ConfigSources.Build(path: null); // ./alpha-research.json, then ALPHA_RESEARCH__* variables
        using var services = new ServiceCollection()
            .AddAlphaResearch(configuration)
            .BuildServiceProvider();

        var runner = services.GetRequiredService<ResearchRunner>();
        var store = new FileSystemObjectStore(args.Length > 0 ? args[0] : "research-out");
        var result = await runner.RunAsync(store, runner.NewRequest(LlmProvider.Stub)); // offline: writes under dry_run/
        Console.WriteLine($"{result.Status} {result.RunDate}: {result.Agents.Count} agents");
        return result.Status == RunStatus.Ok ? 0 : 1;
        // LIBRARY.md end
    }

    [Fact]
    public async Task The_documented_program_runs_a_dry_run_through_di_and_exits_0()
    {
        Assert.Equal(0, await Program([_dir.Path]));
        Assert.True(File.Exists(Path.Combine(_dir.Path, "dry_run", "signals", "2025-01-10", "signals.json")));
    }

    [Fact]
    public void The_documented_program_is_the_code_this_test_runs()
    {
        var root = RepoRoot();
        var source = File.ReadAllText(Path.Combine(root, "tests", "AlphaResearch.Tests", "Hosting", "LibraryExampleTests.cs"));
        var begin = source.IndexOf("// LIBRARY.md begin", StringComparison.Ordinal);
        var end = source.IndexOf("// LIBRARY.md end", StringComparison.Ordinal);
        var tested = Lines(source[(source.IndexOf('\n', begin) + 1)..end]);

        var doc = File.ReadAllText(Path.Combine(root, "docs", "LIBRARY.md"));
        var block = CSharpBlock().Match(doc);
        Assert.True(block.Success, "docs/LIBRARY.md has a ```csharp block");
        var documented = Lines(block.Groups[1].Value).Where(l => !UsingDirective().IsMatch(l)).ToList();
        Assert.Equal(tested, documented);
    }

    private static List<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^using [A-Za-z.]+;$")]
    private static partial Regex UsingDirective();

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AlphaResearch.slnx"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return dir.FullName;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
