using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace AlphaResearch.Archive;

/// <summary>
/// Objects in an S3 bucket under an optional prefix. S3 PUTs are atomic per object (readers see the
/// old or the new object). Conditional create uses If-None-Match: * where the server honours it; servers
/// that ignore it (s3rver, some S3-compatible stores) are covered best-effort by a check-then-put,
/// which can race with a concurrent writer.
/// </summary>
public sealed class S3ObjectStore : IObjectStore
{
    private readonly IAmazonS3 _s3;
    private readonly string _bucket;
    private readonly string _prefix;

    /// <param name="prefix">Key prefix inside the bucket ("" or "a/b"); a trailing '/' is added.</param>
    public S3ObjectStore(IAmazonS3 s3, string bucket, string prefix)
    {
        _s3 = s3;
        _bucket = bucket;
        prefix = prefix.Trim('/');
        if (prefix.Length > 0) ObjectKeys.Validate(prefix);
        _prefix = prefix.Length == 0 ? "" : prefix + "/";
    }

    public string Location => _prefix.Length == 0 ? $"s3://{_bucket}" : $"s3://{_bucket}/{_prefix.TrimEnd('/')}";

    public async Task<byte[]?> GetAsync(string key, CancellationToken ct)
    {
        try
        {
            using var response = await _s3.GetObjectAsync(_bucket, Map(key), ct);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, ct);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken ct)
    {
        try
        {
            await _s3.GetObjectMetadataAsync(_bucket, Map(key), ct);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) =>
        await _s3.PutObjectAsync(NewPut(Map(key), content), ct);

    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        string mapped = Map(key);
        if (await ExistsAsync(key, ct)) return false;
        var request = NewPut(mapped, content);
        request.IfNoneMatch = "*";
        try
        {
            await _s3.PutObjectAsync(request, ct);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed || ex.ErrorCode == "PreconditionFailed")
        {
            return false;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct) =>
        await _s3.DeleteObjectAsync(_bucket, Map(key), ct);

    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct)
    {
        ObjectKeys.ValidatePrefix(prefix);
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix + prefix };
        ListObjectsV2Response response;
        do
        {
            response = await _s3.ListObjectsV2Async(request, ct);
            foreach (var o in response.S3Objects ?? [])
            {
                if (o.Key.StartsWith(_prefix, StringComparison.Ordinal)) keys.Add(o.Key[_prefix.Length..]);
            }
            request.ContinuationToken = response.NextContinuationToken;
        } while (response.IsTruncated == true);
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private string Map(string key) => _prefix + ObjectKeys.Validate(key);

    private PutObjectRequest NewPut(string key, ReadOnlyMemory<byte> content) => new()
    {
        BucketName = _bucket,
        Key = key,
        InputStream = new MemoryStream(content.ToArray(), writable: false),
        ContentType = key.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/octet-stream",
        // Over plain HTTP the SDK would otherwise send aws-chunked framing, which some S3-compatible
        // servers (s3rver) store verbatim as the object body.
        UseChunkEncoding = false,
    };
}
