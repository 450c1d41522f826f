namespace AlphaResearch.Llm;

/// <summary>The gateway's settings or environment are invalid (bad input: the host reports it and exits 2 before any call).</summary>
public sealed class LlmConfigException(string message, Exception? inner = null) : Exception(message, inner);
