using AlphaResearch.Config;
using AlphaResearch.Engine;

namespace AlphaResearch.Tests.Engine;

public sealed class EngineConfigTests
{
    [Fact]
    public void Defaults()
    {
        var c = new EngineConfig();
        Assert.Equal(6, c.TeamConcurrency);
        Assert.Equal("./.alpha-research", c.Store);
        Assert.Equal(TimeSpan.FromHours(3), c.RunDeadline);
        Assert.Equal(TimeSpan.FromMinutes(15), c.StaleLockAge);
    }

    [Fact]
    public void Snake_case_keys_load_and_derived_spans_are_not_serialised()
    {
        var c = ConfigLoader.Parse("""{"engine": {"team_concurrency": 2, "run_deadline_minutes": 0, "stale_lock_minutes": 5, "store": "s3://b/p", "s3_force_path_style": true}}""", "test.json").Engine;
        Assert.Equal(2, c.TeamConcurrency);
        Assert.Null(c.RunDeadline);
        Assert.Equal(TimeSpan.FromMinutes(5), c.StaleLockAge);
        Assert.Equal("s3://b/p", c.Store);
        Assert.True(c.S3ForcePathStyle);
        string json = AlphaResearch.Domain.JsonConventions.Serialize(c);
        Assert.DoesNotContain("stale_lock_age", json);
        Assert.Contains("\"team_concurrency\":2", json);
    }

    [Fact]
    public void Unknown_engine_key_is_an_error_naming_it()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("""{"engine": {"team_concurency": 2}}""", "test.json"));
        Assert.Contains("team_concurency", ex.Message);
    }
}
