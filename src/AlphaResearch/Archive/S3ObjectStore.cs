using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace AlphaResearch.Archive;

/// <summary>
/// Objects in an S3 bucket under an optional prefix. S3 PUTs are atomic per object (readers see the
/// old or the new object). Conditional create uses If-None-Match: * (AWS S3 refuses a second create with 412
/// since August 2024); servers that ignore it (s3rver, some S3-compatible stores) are covered best-effort by a
/// check-then-put, which can race with a concurrent writer — <see cref="HasAtomicCreateAsync"/> finds out which.
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
        try
        {
            await _s3.PutObjectAsync(WithIfNoneMatch(NewPut(mapped, content)), ct);
            return true;
        }
        catch (AmazonS3Exception ex) when (IsPreconditionFailed(ex))
        {
            // 412: the object exists; 409 ConditionalRequestConflict: a concurrent conditional write to the same key won.
            return false;
        }
    }

    private bool? _atomicCreate;

    /// <summary>Probes once per store: creates a probe object twice with If-None-Match: * and sees whether the second is refused.</summary>
    public async Task<bool> HasAtomicCreateAsync(CancellationToken ct)
    {
        if (_atomicCreate is { } known) return known;
        string probe = Map($"locks/conditional-write-probe-{Guid.NewGuid():N}");
        bool refused;
        try
        {
            await _s3.PutObjectAsync(WithIfNoneMatch(NewPut(probe, "probe"u8.ToArray())), ct);
            try
            {
                await _s3.PutObjectAsync(WithIfNoneMatch(NewPut(probe, "probe"u8.ToArray())), ct);
                refused = false;
            }
            catch (AmazonS3Exception ex) when (IsPreconditionFailed(ex))
            {
                refused = true;
            }
        }
        finally
        {
            try { await _s3.DeleteObjectAsync(_bucket, probe, CancellationToken.None); } catch (AmazonS3Exception) { }
        }
        _atomicCreate = refused;
        return refused;
    }

    private static PutObjectRequest WithIfNoneMatch(PutObjectRequest request)
    {
        request.IfNoneMatch = "*";
        return request;
    }

    private static bool IsPreconditionFailed(AmazonS3Exception ex) =>
        ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict || ex.ErrorCode is "PreconditionFailed" or "ConditionalRequestConflict";

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
