using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaResearch.Llm;

/// <summary>
/// Shared by the <c>Use…</c> extensions: collects every violation of one options object (like Polly's validator,
/// all at once, each naming the property and quoting its value) and resolves what a layer takes from the inner
/// client or the builder's services when the options leave it unset.
/// </summary>
internal sealed class OptionsCheck(string optionsType)
{
    private readonly List<string> _errors = [];

    public void Require(bool ok, string property, object? value, string rule)
    {
        if (!ok) _errors.Add($"{optionsType}.{property} = {Quote(value)}: {rule}");
    }

    /// <summary>Throws <see cref="LlmConfigException"/> listing every violation (bad input: the host exits 2).</summary>
    public void ThrowIfInvalid()
    {
        if (_errors.Count == 0) return;
        throw new LlmConfigException($"invalid {optionsType} ({_errors.Count} problem{(_errors.Count == 1 ? "" : "s")}): " + string.Join("; ", _errors));
    }

    /// <summary>The explicit model, else the inner client's <see cref="ChatClientMetadata.DefaultModelId"/>.</summary>
    public string? DefaultModel(string? configured, IChatClient inner, string property)
    {
        string? model = !string.IsNullOrWhiteSpace(configured) ? configured : inner.GetService<ChatClientMetadata>()?.DefaultModelId;
        Require(!string.IsNullOrWhiteSpace(model), property, configured,
            "set the model id that calls without ChatOptions.ModelId use (the inner client reports no ChatClientMetadata.DefaultModelId)");
        return model;
    }

    private static string Quote(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static TimeProvider Time(TimeProvider? configured, IServiceProvider services) =>
        configured ?? services.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;

    public static ILoggerFactory Loggers(ILoggerFactory? configured, IServiceProvider services) =>
        configured ?? services.GetService(typeof(ILoggerFactory)) as ILoggerFactory ?? NullLoggerFactory.Instance;

    /// <summary>
    /// The per-call scope store the layers of one pipeline share (attempts, waits, last response headers): the one
    /// the gateway handed in, else the inner layers' (each layer answers GetService for it), else a new one.
    /// </summary>
    public static LlmCallScopes Scopes(LlmCallScopes? configured, IChatClient inner) =>
        configured ?? inner.GetService<LlmCallScopes>() ?? new LlmCallScopes();
}
