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

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.Empty(new EngineConfig().Validate());
    }

    [Fact]
    public void Lock_and_deadline_settings_that_would_let_a_live_run_lose_its_lock_or_crash_are_refused()
    {
        var c = new EngineConfig { TeamConcurrency = 0, StaleLockMinutes = 0, LockHeartbeatSeconds = 0, RunDeadlineMinutes = 100_000 };
        Assert.Equal(
        [
            "engine.team_concurrency must be between 1 and 6 (got 0)",
            "engine.stale_lock_minutes must be > 0 (got 0)",
            "engine.lock_heartbeat_seconds must be > 0 (got 0)",
            "engine.run_deadline_minutes must be at most 71000 (≈ 49 days; ≤ 0 disables the deadline) (got 100000)",
        ], c.Validate());
    }

    [Fact]
    public void A_heartbeat_slower_than_half_the_stale_age_is_refused()
    {
        var c = new EngineConfig { StaleLockMinutes = 1, LockHeartbeatSeconds = 30 };
        Assert.Equal(["engine.lock_heartbeat_seconds (30) must be less than half of engine.stale_lock_minutes in seconds (60), or a live run's lock looks stale between heartbeats"], c.Validate());
        Assert.Empty((c with { LockHeartbeatSeconds = 29 }).Validate());
    }
}
