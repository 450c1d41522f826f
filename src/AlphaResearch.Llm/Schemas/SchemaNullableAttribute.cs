namespace AlphaResearch.Llm.Schemas;

/// <summary>
/// This property may be null on the wire: it is truly optional for the model (still listed in <c>required</c>).
/// Every other property is sent non-nullable. Each nullable property is one union-typed property towards the
/// structured-output limit (16 per request), so use it sparingly.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SchemaNullableAttribute : Attribute;
