using AlphaResearch.Hosting;
using AlphaResearch.Llm;
using AlphaResearch.Scale.Dispatch;

namespace AlphaResearch.Tests.Scale;

public sealed class QueueOptionsTests
{
    private static Func<string, string?> Env(string? queue, string? schema = null) =>
        name => name == QueueOptions.Env ? queue : name == QueueOptions.SchemaEnv ? schema : null;

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("  ", "is not set")]
    [InlineData("Host=;;;=x", "is not a PostgreSQL connection string")]
    [InlineData("Port=5432;Username=alpha", "names no Host")]
    public void Missing_or_malformed_queue_is_an_input_error_naming_the_variable(string? value, string expected)
    {
        var ex = Assert.Throws<RunSetupException>(() => QueueOptions.FromEnvironment(Env(value)));
        Assert.True(ex.IsInputError);
        Assert.Contains(QueueOptions.Env, ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void A_password_in_a_malformed_value_is_never_echoed()
    {
        var ex = Assert.Throws<RunSetupException>(() => QueueOptions.FromEnvironment(Env("Host=db;Password=hunter2-secret;;;=x")));
        Assert.DoesNotContain("hunter2", ex.Message + ex.Hint);
    }

    [Fact]
    public void A_valid_value_keeps_its_host_and_the_default_schema()
    {
        var options = QueueOptions.FromEnvironment(Env("Host=db.internal;Port=5432;Username=alpha;Database=alpha"));
        Assert.Contains("db.internal", options.ConnectionString);
        Assert.Equal(QueueOptions.DefaultSchema, options.Schema);
        Assert.Throws<RunSetupException>(() => QueueOptions.FromEnvironment(Env("Host=db", "Bad-Schema")));
    }

    [Fact]
    public void Each_provider_has_its_own_queue_so_a_dry_run_job_never_reaches_a_paid_worker()
    {
        var queues = Enum.GetValues<LlmProvider>().Select(QueueOptions.QueueFor).ToList();
        Assert.Equal(queues.Count, queues.Distinct().Count());
        Assert.Equal("run_sim", QueueOptions.QueueFor(LlmProvider.Sim));
    }

    [Theory]
    [InlineData("0 6 * * 6", true)]
    [InlineData("*/15 * * * 1-5", true)]
    [InlineData("0 6 * *", false)]
    [InlineData("61 6 * * 6", false)]
    [InlineData("every saturday", false)]
    public void Cron_is_validated_before_anything_is_opened(string cron, bool valid) =>
        Assert.Equal(valid, RunQueueClient.CronProblem(cron) is null);

    [Fact]
    public void The_weekly_cron_fires_on_saturday_at_six_utc()
    {
        var next = RunQueueClient.NextOccurrence("0 6 * * 6", new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 6, 0, 0, TimeSpan.Zero), next);
    }
}
