using Microsoft.Extensions.Configuration;

namespace AlphaResearch.Config;

/// <summary>
/// A configuration layer made of named values (environment variables, command-line options): each key remembers
/// the name the user wrote, so an error can point at "environment variable ALPHA_RESEARCH__LLM__FAST_MODLE".
/// </summary>
public sealed class NamedValuesConfigurationSource(string kind, IReadOnlyList<(string Key, string Name, string? Value)> values) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new NamedValuesConfigurationProvider(kind, values);
}

/// <summary>The provider of <see cref="NamedValuesConfigurationSource"/>; <see cref="Describe"/> names where a key came from.</summary>
public sealed class NamedValuesConfigurationProvider : ConfigurationProvider
{
    private readonly string _kind;
    private readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);

    public NamedValuesConfigurationProvider(string kind, IReadOnlyList<(string Key, string Name, string? Value)> values)
    {
        _kind = kind;
        foreach (var (key, name, value) in values)
        {
            Data[key] = value;
            _names[key] = name;
        }
    }

    public string Describe(string key) => _names.TryGetValue(key, out var name) ? $"{_kind} {name}" : _kind;
}
