using AlphaResearch.Cli.Infrastructure;

namespace AlphaResearch.Tests.Telemetry;

/// <summary>OTLP export is switched on by OTEL_EXPORTER_OTLP_ENDPOINT only; bad values are bad input naming the variable.</summary>
public sealed class OtlpTelemetryTests
{
    [Fact]
    public void Without_the_endpoint_nothing_is_built()
    {
        Assert.Null(OtlpTelemetry.StartFromEnvironment(_ => null));
        Assert.Null(OtlpTelemetry.StartFromEnvironment(n => n == OtlpTelemetry.EndpointEnv ? " " : "grpc"));
    }

    [Fact]
    public void With_the_endpoint_the_providers_are_built_and_dispose_cleanly()
    {
        using var telemetry = OtlpTelemetry.StartFromEnvironment(n => n == OtlpTelemetry.EndpointEnv ? "http://127.0.0.1:9" : null);
        Assert.NotNull(telemetry);
    }

    [Theory]
    [InlineData("localhost:4318", null, OtlpTelemetry.EndpointEnv)]
    [InlineData("ftp://collector", null, OtlpTelemetry.EndpointEnv)]
    [InlineData("http://localhost:4318", "http/json", OtlpTelemetry.ProtocolEnv)]
    public void A_bad_endpoint_or_protocol_is_exit_2_naming_the_variable(string endpoint, string? protocol, string named)
    {
        var ex = Assert.Throws<UserFacingException>(() => OtlpTelemetry.Validate(endpoint, protocol));
        Assert.Equal(ExitCodes.BadInput, ex.ExitCode);
        Assert.StartsWith(named + "=", ex.Message);
    }
}
