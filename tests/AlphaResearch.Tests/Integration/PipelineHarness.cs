using AlphaResearch.Archive;
using AlphaResearch.Cli.Composition;
using AlphaResearch.Hosting;
using AlphaResearch.Config;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaResearch.Tests.Integration;

/// <summary>
/// The real pipeline as the CLI composes it (embedded sample snapshot, real agents, gateway, scoring,
/// rotation, SQLite database and publisher) over a temporary filesystem store, or over a given store.
/// </summary>
internal sealed class PipelineHarness : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "ar-pipeline-" + Guid.NewGuid().ToString("N"));
    public IObjectStore Store { get; }
    public AlphaResearchConfig Config { get; init; } = new();

    public PipelineHarness(IObjectStore? store = null) => Store = store ?? new FileSystemObjectStore(Root);

    public async Task<(RunResult Result, RunComposition Composition)> RunAsync(
        LlmProvider provider, DateOnly? date = null, string? baseUrl = null, IReadOnlyDictionary<string, string>? env = null, bool force = false)
    {
        var factory = new RunServicesFactory(environment: n => env?.GetValueOrDefault(n), baseUrlOverride: baseUrl);
        var request = new RunRequest { Provider = provider, RunDate = date, Config = Config };
        var runStore = RunNamespace.StoreFor(Store, provider);
        var composition = await factory.CreateAsync(request, runStore, TestContext.Current.CancellationToken);
        var engine = new RunEngine(Store, composition.Services, Config.Engine, TimeProvider.System, NullLogger.Instance);
        var result = await engine.RunAsync(new RunOptions(composition.RunDate, force), TestContext.Current.CancellationToken);
        return (result, composition);
    }

    public async Task<IReadOnlyList<string>> KeysAsync(string prefix = "") => await Store.ListAsync(prefix, CancellationToken.None);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
