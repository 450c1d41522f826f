using AlphaResearch.Hosting;
using AlphaResearch.Llm;
using Npgsql;

namespace AlphaResearch.Scale.Dispatch;

/// <summary>
/// Where the job queue lives: ALPHA_RESEARCH_QUEUE, a PostgreSQL connection string (Hangfire.PostgreSql's tables
/// under <see cref="Schema"/>). A missing or malformed value is a <see cref="RunSetupException"/> naming the variable (exit 2).
/// </summary>
public sealed record QueueOptions(string ConnectionString, string Schema = QueueOptions.DefaultSchema)
{
    public const string Env = "ALPHA_RESEARCH_QUEUE";
    public const string SchemaEnv = "ALPHA_RESEARCH_QUEUE_SCHEMA";
    public const string DefaultSchema = "alpha_research";

    /// <exception cref="RunSetupException">the variable is unset, not a connection string, or names no host.</exception>
    public static QueueOptions FromEnvironment(Func<string, string?> env)
    {
        const string hint = "export ALPHA_RESEARCH_QUEUE='Host=db.internal;Port=5432;Username=alpha;Password=…;Database=alpha' (docs/SCALE.md, \"Dispatch\")";
        var raw = env(Env);
        if (string.IsNullOrWhiteSpace(raw)) throw new RunSetupException($"{Env} is not set: the queue needs a PostgreSQL connection string", hint);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(raw);
        }
        catch (ArgumentException ex)
        {
            // The value may hold a password: only the parser's complaint is shown, never the value.
            throw new RunSetupException($"{Env} is not a PostgreSQL connection string ({ex.Message.Split('\n')[0]})", hint);
        }
        if (string.IsNullOrWhiteSpace(builder.Host)) throw new RunSetupException($"{Env} names no Host", hint);
        var schema = env(SchemaEnv) is { Length: > 0 } s ? s : DefaultSchema;
        if (!schema.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            throw new RunSetupException($"{SchemaEnv} must be lowercase letters, digits and '_' (got '{schema}')", "e.g. ALPHA_RESEARCH_QUEUE_SCHEMA=alpha_research");
        return new QueueOptions(builder.ConnectionString, schema);
    }

    /// <summary>
    /// The Hangfire queue of a provider: a worker takes only jobs of the provider it serves, so a dry-run job is
    /// never executed by a paid provider and a real job never by a simulator (R6).
    /// </summary>
    public static string QueueFor(LlmProvider provider) => QueueFor(provider.Id());

    public static string QueueFor(string providerId) => "run_" + providerId.ToLowerInvariant();
}
