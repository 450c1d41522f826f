using AlphaResearch.Llm;
using AlphaResearch.Archive;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>
/// OTLP export of the "AlphaResearch" spans and metrics, switched on by the standard OpenTelemetry variables only:
/// OTEL_EXPORTER_OTLP_ENDPOINT (and optionally OTEL_EXPORTER_OTLP_PROTOCOL grpc | http/protobuf, _HEADERS,
/// OTEL_SERVICE_NAME), which the OTLP exporter reads itself. Unset: no provider is built, so no listener exists and
/// every StartActivity / instrument call is a no-op. Disposing flushes what is buffered (end of the command).
/// </summary>
public sealed class OtlpTelemetry : IDisposable
{
    public const string EndpointEnv = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolEnv = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string ServiceNameEnv = "OTEL_SERVICE_NAME";
    public const string DefaultServiceName = "alpha-research";

    private readonly TracerProvider _traces;
    private readonly MeterProvider _metrics;

    private OtlpTelemetry(TracerProvider traces, MeterProvider metrics)
    {
        _traces = traces;
        _metrics = metrics;
    }

    /// <summary>Null when OTEL_EXPORTER_OTLP_ENDPOINT is unset; a bad endpoint or protocol is bad input (exit 2).</summary>
    public static OtlpTelemetry? StartFromEnvironment(Func<string, string?> env)
    {
        string? endpoint = env(EndpointEnv);
        if (string.IsNullOrWhiteSpace(endpoint)) return null;
        Validate(endpoint, env(ProtocolEnv));
        var resource = ResourceBuilder.CreateDefault();
        if (string.IsNullOrWhiteSpace(env(ServiceNameEnv))) resource.AddService(DefaultServiceName);
        var traces = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(AlphaResearchTelemetry.Name)
            .AddOtlpExporter()
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(AlphaResearchTelemetry.Name)
            .AddOtlpExporter()
            .Build();
        return new OtlpTelemetry(traces, metrics);
    }

    internal static void Validate(string endpoint, string? protocol)
    {
        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new UserFacingException($"{EndpointEnv}='{Redactor.Redact(endpoint)}' is not an absolute http(s) URL",
                $"set it to the collector's URL, e.g. http://localhost:4317 (grpc) or http://localhost:4318 (http/protobuf), or unset it to export nothing");
        if (!string.IsNullOrWhiteSpace(protocol) && protocol.Trim() is not ("grpc" or "http/protobuf"))
            throw new UserFacingException($"{ProtocolEnv}='{protocol}' is not a supported OTLP protocol",
                "set it to grpc or http/protobuf (or unset it: grpc)");
    }

    public void Dispose()
    {
        _traces.Dispose();
        _metrics.Dispose();
    }
}
