using Hangfire;
using AlphaResearch.Hosting;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace AlphaResearch.Scale.Dispatch;

/// <summary>Hangfire's storage over the queue's PostgreSQL, with the lease (sliding invisibility timeout) of a fetched job.</summary>
public static class HangfireQueue
{
    public static readonly TimeSpan DefaultLeaseTimeout = TimeSpan.FromMinutes(5);

    /// <param name="leaseTimeout">A fetched job whose worker stops renewing it for this long is delivered to another worker.</param>
    /// <exception cref="RunSetupException">the server cannot be reached or refused the connection (a dependency failure, exit 1).</exception>
    public static JobStorage Open(QueueOptions options, TimeSpan leaseTimeout)
    {
        var storage = Storage(options, leaseTimeout);
        try
        {
            // Creates or migrates Hangfire's tables on first use (PrepareSchemaIfNecessary).
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(options.ConnectionString, storage), storage);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            throw new RunSetupException($"cannot open the queue in PostgreSQL ({QueueOptions.Env}): {ex.Message}",
                "check that the server is up and the connection string is right (docs/SCALE.md, \"Dispatch\")", isInputError: false);
        }
    }

    private static PostgreSqlStorageOptions Storage(QueueOptions options, TimeSpan leaseTimeout) => new()
    {
        SchemaName = options.Schema,
        PrepareSchemaIfNecessary = true,
        InvisibilityTimeout = leaseTimeout,
        UseSlidingInvisibilityTimeout = true,
        QueuePollInterval = TimeSpan.FromMilliseconds(500),
        DistributedLockTimeout = TimeSpan.FromMinutes(1),
    };
}
