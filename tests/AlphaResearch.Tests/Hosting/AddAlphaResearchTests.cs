using AlphaResearch.Archive;
using AlphaResearch.Config;
using AlphaResearch.Engine;
using AlphaResearch.Hosting;
using AlphaResearch.Llm;
using AlphaResearch.Tests.Publishing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AlphaResearch.Tests.Hosting;

public sealed class AddAlphaResearchTests : IDisposable
{
    private readonly TempDir _dir = new();

    private static ServiceProvider Build(Dictionary<string, string?> values) =>
        new ServiceCollection()
            .AddAlphaResearch(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), o => o.Environment = _ => null)
            .BuildServiceProvider();

    [Fact]
    public void The_configuration_is_bound_strictly_and_registered()
    {
        using var sp = Build(new() { ["llm:fast_model"] = "claude-test", ["agents:picks_per_run"] = "2" });
        var config = sp.GetRequiredService<AlphaResearchConfig>();
        Assert.Equal("claude-test", config.Llm.FastModel);
        Assert.Equal(2, config.Agents.PicksPerRun);
        Assert.Same(config, sp.GetRequiredService<ResearchRunner>().Config);
    }

    [Fact]
    public void An_unknown_key_fails_at_registration_naming_the_key()
    {
        var ex = Assert.Throws<ConfigException>(() => Build(new() { ["scoring:weigths"] = "1" }));
        Assert.Contains("invalid configuration at key 'scoring.weigths': unknown key", ex.Message);
    }

    [Fact]
    public async Task The_container_resolves_a_runnable_engine_and_a_stub_dry_run_ends_ok()
    {
        using var sp = Build(new());
        var runner = sp.GetRequiredService<ResearchRunner>();
        var store = new FileSystemObjectStore(_dir.Path);
        var request = runner.NewRequest(LlmProvider.Stub);

        var prepared = await runner.PrepareAsync(store, request, ct: TestContext.Current.CancellationToken);
        Assert.Equal(LlmProvider.Stub, prepared.Provider);
        Assert.True(prepared.Composition.Services.Provider.IsDryRun);

        var result = await prepared.RunAsync(ct: TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Ok, result.Status);
        Assert.All(await store.ListAsync("", TestContext.Current.CancellationToken), key => Assert.StartsWith("dry_run/", key));
        Assert.Contains($"dry_run/signals/{result.RunDate}/signals.json", await store.ListAsync("dry_run/signals/", TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_real_run_without_an_api_key_is_refused_with_a_hint()
    {
        using var sp = Build(new());
        var runner = sp.GetRequiredService<ResearchRunner>();
        var ex = Assert.Throws<RunSetupException>(() => runner.ResolveProvider(runner.NewRequest()));
        Assert.Equal("no ANTHROPIC_API_KEY is set, so a real run cannot call Claude", ex.Message);
        Assert.True(ex.IsInputError);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
