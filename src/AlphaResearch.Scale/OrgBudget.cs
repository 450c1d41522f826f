using AlphaResearch.Hosting;
using AlphaResearch.Llm;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Scale;

/// <summary>
/// The process's one org-budget store from the environment (ALPHA_RESEARCH_REDIS=host:port), opened on first use and
/// shared by every run of the process; null when the variable is unset (the governor's in-process buckets alone).
/// </summary>
public static class OrgBudget
{
    private static readonly Lock Gate = new();
    private static RedisBudgetStore? _shared;

    /// <summary>Reads the environment only when a run is composed, so a bad value fails that run (exit 2), not every command.</summary>
    public static Func<ILoggerFactory, IBudgetStore?> Lazy(Func<string, string?> env) => loggers => FromEnvironment(env)?.Invoke(loggers);

    /// <exception cref="RunSetupException">ALPHA_RESEARCH_REDIS_FALLBACK_WORKERS is not a positive whole number (exit 2).</exception>
    public static Func<ILoggerFactory, IBudgetStore?>? FromEnvironment(Func<string, string?> env)
    {
        RedisBudgetOptions? options;
        try
        {
            options = RedisBudgetOptions.FromEnvironment(env);
        }
        catch (ArgumentException ex)
        {
            throw new RunSetupException(ex.Message, "see docs/SCALE.md, \"Org budget in Redis\"");
        }
        if (options is null) return null;
        return loggers =>
        {
            lock (Gate)
                return _shared ??= RedisBudgetStore.Connect(options, TimeProvider.System, loggers.CreateLogger("AlphaResearch.Scale.OrgBudget"));
        };
    }
}
