using Amazon.Runtime;
using Amazon.S3;
using AlphaResearch.Archive;

namespace AlphaResearch.Tests.Archive;

/// <summary>
/// The S3-protocol server .ci/run starts (s3rver on 127.0.0.1). A test that needs it calls
/// <see cref="OpenOrSkip"/>: without ALPHA_RESEARCH_S3_TEST_URL the test is reported as skipped, never passed.
/// </summary>
internal static class S3TestServer
{
    public static string Bucket => Environment.GetEnvironmentVariable("ALPHA_RESEARCH_S3_TEST_BUCKET") ?? "alpha-research-test";

    public static S3ObjectStore OpenOrSkip(string prefix) => new(Client(), Bucket, prefix);

    /// <summary>A raw client for the test server (skips the test when there is none).</summary>
    public static AmazonS3Client Client()
    {
        string? url = Environment.GetEnvironmentVariable("ALPHA_RESEARCH_S3_TEST_URL");
        Assert.SkipWhen(string.IsNullOrEmpty(url), "ALPHA_RESEARCH_S3_TEST_URL is not set (run .ci/run, which starts s3rver)");
        return new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"),
            new AmazonS3Config { ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
    }
}
