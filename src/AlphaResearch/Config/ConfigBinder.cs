using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AlphaResearch.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace AlphaResearch.Config;

/// <summary>
/// Binds merged configuration (file, environment, command line) to <see cref="AlphaResearchConfig"/> as strictly as
/// the JSON file is read: every key must name a setting (case-insensitive, snake_case), values are typed by the
/// setting, and an error names the key and the source that set it.
/// </summary>
public static class ConfigBinder
{
    private static readonly JsonSerializerOptions Strict = new(JsonConventions.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static AlphaResearchConfig Bind(IConfiguration configuration)
    {
        var json = ReadObject(configuration.GetChildren(), Strict.GetTypeInfo(typeof(AlphaResearchConfig)), configuration);
        try
        {
            return json.Deserialize<AlphaResearchConfig>(Strict) ?? new AlphaResearchConfig();
        }
        catch (JsonException ex)
        {
            var key = ex.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "";
            throw new ConfigException(ConfigLoader.Describe(ex, SourceOf(configuration, key.Replace('.', ':')), line: null), ex);
        }
    }

    private static JsonObject ReadObject(IEnumerable<IConfigurationSection> children, JsonTypeInfo info, IConfiguration root)
    {
        var result = new JsonObject();
        foreach (var child in children)
        {
            var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                var key = child.Path.Replace(':', '.').ToLowerInvariant();
                throw new ConfigException($"{SourceOf(root, child.Path)}: invalid configuration at key '{key}': unknown key (a typo? keys are snake_case) — fix or remove that key (docs/CONFIGURATION.md lists every key)");
            }
            result[property.Name] = Read(child, property.PropertyType, root);
        }
        return result;
    }

    private static JsonNode? Read(IConfigurationSection section, Type type, IConfiguration root)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        var info = Strict.GetTypeInfo(target);
        var children = section.GetChildren().ToList();
        bool nullable = Nullable.GetUnderlyingType(type) is not null || !type.IsValueType;
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                if (children.Count > 0) return ReadObject(children, info, root);
                return section.Value is { Length: > 0 } text ? ParseOrString(text) : section.Value == "" && nullable ? null : new JsonObject();
            case JsonTypeInfoKind.Dictionary:
            {
                if (children.Count == 0) return section.Value is { Length: > 0 } mapText ? ParseOrString(mapText) : new JsonObject();
                var map = new JsonObject();
                foreach (var c in children) map[c.Key] = Read(c, info.ElementType!, root);
                return map;
            }
            case JsonTypeInfoKind.Enumerable:
            {
                if (children.Count == 0) return section.Value is { Length: > 0 } listText ? ParseOrString(listText) : new JsonArray();
                var items = new JsonArray();
                foreach (var c in children.OrderBy(c => int.TryParse(c.Key, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue))
                    items.Add(Read(c, info.ElementType!, root));
                return items;
            }
            default:
                if (children.Count > 0) return ReadObject(children, info, root); // a value given as a section: refused by name
                return Scalar(section.Value, target, nullable);
        }
    }

    private static JsonNode? Scalar(string? value, Type target, bool nullable)
    {
        if (value is null || (value.Length == 0 && target != typeof(string))) return nullable ? null : JsonValue.Create(value ?? "");
        if (target == typeof(bool)) return bool.TryParse(value, out var b) ? JsonValue.Create(b) : JsonValue.Create(value);
        if (IsNumber(target)) return decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? JsonNode.Parse(value) : JsonValue.Create(value);
        return JsonValue.Create(value);
    }

    private static bool IsNumber(Type t) =>
        t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(double) || t == typeof(float) || t == typeof(short);

    /// <summary>A list or map given as one value (ALPHA_RESEARCH__PUBLISHING__EMAIL__TO='["a@b.c"]') is read as JSON.</summary>
    private static JsonNode? ParseOrString(string value)
    {
        try { return JsonNode.Parse(value); }
        catch (JsonException) { return JsonValue.Create(value); }
    }

    /// <summary>Which source set <paramref name="key"/> (or, for a section, one of its values): the last one wins.</summary>
    internal static string SourceOf(IConfiguration configuration, string key)
    {
        if (configuration is not IConfigurationRoot root) return "configuration";
        var keys = configuration.GetSection(key).AsEnumerable().Select(kv => kv.Key).Prepend(key).ToList();
        foreach (var provider in root.Providers.Reverse())
        {
            foreach (var k in keys)
            {
                if (!provider.TryGet(k, out _)) continue;
                return provider switch
                {
                    NamedValuesConfigurationProvider named => named.Describe(k),
                    JsonConfigurationProvider json when json.Source.FileProvider is Microsoft.Extensions.FileProviders.PhysicalFileProvider files
                        => Path.Combine(files.Root, json.Source.Path ?? ""),
                    JsonConfigurationProvider json => json.Source.Path ?? "the configuration file",
                    _ => provider.ToString() ?? "configuration",
                };
            }
        }
        return "configuration";
    }
}
