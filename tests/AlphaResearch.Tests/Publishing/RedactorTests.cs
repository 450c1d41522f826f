using AlphaResearch.Publishing;
using AlphaResearch.Archive;

namespace AlphaResearch.Tests.Publishing;

public sealed class RedactorTests
{
    [Theory]
    [InlineData("key sk-ant-api03-AbCdEf_123-456xyz done", "key [REDACTED] done")]
    [InlineData("Authorization: Bearer eyJhbGciOi.JIUzI1NiJ9-abc_def==", "Authorization: Bearer [REDACTED]")]
    [InlineData("{\"x-api-key\": \"abcdef0123456789\"}", "{\"x-api-key\": \"[REDACTED]\"}")]
    [InlineData("openai sk-proj1234567890abcdefghijXYZ", "openai [REDACTED]")]
    [InlineData("aws AKIAIOSFODNN7EXAMPLE end", "aws [REDACTED] end")]
    [InlineData("no secrets: sk-short and bearer", "no secrets: sk-short and bearer")]
    public void Redact_MasksCredentialShapes(string input, string expected) => Assert.Equal(expected, Redactor.Redact(input));
}
