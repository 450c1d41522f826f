namespace AlphaResearch.Tests.Scale;

/// <summary>
/// The throwaway PostgreSQL cluster .ci/run starts on loopback. Without ALPHA_RESEARCH_PG_TEST a test that needs it is
/// reported as skipped (never passed); CI sets it. Each test takes a schema of its own, so runs never see each other's jobs.
/// </summary>
internal static class PostgresTestServer
{
    public const string Env = "ALPHA_RESEARCH_PG_TEST";

    public static string ConnectionStringOrSkip()
    {
        string? cs = Environment.GetEnvironmentVariable(Env);
        Assert.SkipWhen(string.IsNullOrWhiteSpace(cs), $"{Env} is not set (run .ci/run, which starts a throwaway PostgreSQL cluster on loopback)");
        return cs!;
    }

    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N")[..12];
}
