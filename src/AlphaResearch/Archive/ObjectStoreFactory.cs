using Amazon.S3;

namespace AlphaResearch.Archive;

/// <summary>Options for S3 and S3-compatible servers (endpoint URL and path-style addressing).</summary>
public sealed record S3StoreOptions
{
    /// <summary>Endpoint of an S3-compatible server ("http://127.0.0.1:4569"); null = AWS.</summary>
    public string? ServiceUrl { get; init; }
    public bool ForcePathStyle { get; init; }
    /// <summary>Region for signing; null = the SDK's default chain (AWS_REGION, profile).</summary>
    public string? Region { get; init; }
}

/// <summary>Opens the store named by <c>--store</c>: a folder path or <c>s3://bucket/prefix</c>.</summary>
public static class ObjectStoreFactory
{
    public const string DefaultLocation = "./.alpha-research";

    /// <exception cref="ArgumentException">A malformed s3:// URI (the message says what to write).</exception>
    public static IObjectStore Open(string? location, S3StoreOptions? s3Options = null)
    {
        location = string.IsNullOrWhiteSpace(location) ? DefaultLocation : location.Trim();
        if (!location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)) return new FileSystemObjectStore(location);

        var (bucket, prefix) = ParseS3(location);
        s3Options ??= new S3StoreOptions();
        var config = new AmazonS3Config { ForcePathStyle = s3Options.ForcePathStyle };
        if (s3Options.ServiceUrl is not null) config.ServiceURL = s3Options.ServiceUrl;
        if (s3Options.Region is not null) config.AuthenticationRegion = s3Options.Region;
        // Credentials come from the SDK's default chain (env, profile, SSO, instance role).
        return new S3ObjectStore(new AmazonS3Client(config), bucket, prefix);
    }

    public static (string Bucket, string Prefix) ParseS3(string uri)
    {
        string rest = uri["s3://".Length..];
        int slash = rest.IndexOf('/');
        string bucket = slash < 0 ? rest : rest[..slash];
        string prefix = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
        if (bucket.Length == 0)
            throw new ArgumentException($"store '{uri}' has no bucket — write s3://bucket or s3://bucket/prefix");
        if (prefix.Length > 0 && !ObjectKeys.IsValid(prefix))
            throw new ArgumentException($"store '{uri}' has an invalid prefix '{prefix}' — use only A-Z a-z 0-9 . _ - / without empty segments");
        return (bucket, prefix);
    }
}
