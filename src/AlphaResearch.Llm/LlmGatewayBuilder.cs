using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;

namespace AlphaResearch.Llm;

/// <summary>
/// Assembles the gateway from <see cref="LlmConfig"/>, the provider choice and the environment. Each tier is a
/// <see cref="ChatClientBuilder"/> pipeline of the public <c>Use…</c> extensions, outermost first:
/// usage/cost (R7) → call journal (when given) → rate-limit retry (R1) → governor (R2) → OpenTelemetry → prompt caching (Anthropic) → provider.
/// The governor sits inside the retry loop so each retry attempt waits for budget again instead of firing
/// straight back into the limit; usage sits outside so one record covers all attempts of a call.
/// </summary>
public sealed class LlmGatewayBuilder(LlmConfig config)
{
    public const string ApiKeyEnv = "ANTHROPIC_API_KEY";
    public const string BaseUrlEnv = "ANTHROPIC_BASE_URL";
    public const string OpenAiApiKeyEnv = "OPENAI_API_KEY";
    public const string RunBudgetEnv = "ALPHA_RESEARCH_RUN_BUDGET_USD";

    private LlmProvider? _provider;
    private Func<string, string?> _env = Environment.GetEnvironmentVariable;
    private TimeProvider _time = TimeProvider.System;
    private ILoggerFactory _loggers = NullLoggerFactory.Instance;
    private string _runDate = "unknown";
    private string? _ledgerPath;
    private Func<double>? _jitter;
    private string? _baseUrl;
    private bool? _governor;
    private Func<LlmProvider, ModelTier, IChatClient>? _providerOverride;
    private ITokenCounter? _counterOverride;
    private ICallJournal? _journal;
    private IBudgetStore? _budgetStore;

    public LlmGatewayBuilder WithProvider(LlmProvider provider) { _provider = provider; return this; }
    /// <summary>Environment lookup (tests pass a dictionary).</summary>
    public LlmGatewayBuilder WithEnvironment(Func<string, string?> env) { _env = env; return this; }
    public LlmGatewayBuilder WithTimeProvider(TimeProvider time) { _time = time; return this; }
    public LlmGatewayBuilder WithLoggerFactory(ILoggerFactory loggers) { _loggers = loggers; return this; }
    public LlmGatewayBuilder WithRunDate(string runDate) { _runDate = runDate; return this; }
    public LlmGatewayBuilder WithRunDate(DateOnly runDate) => WithRunDate(runDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    /// <summary>JSONL usage ledger to append to (null: memory only).</summary>
    public LlmGatewayBuilder WithLedgerPath(string? path) { _ledgerPath = path; return this; }
    /// <summary>Endpoint override that wins over env and config (the in-process simulator's URL).</summary>
    public LlmGatewayBuilder WithBaseUrl(string? baseUrl) { _baseUrl = baseUrl; return this; }
    public LlmGatewayBuilder WithGovernor(bool enabled) { _governor = enabled; return this; }
    /// <summary>Record every successful call and replay it on a re-run instead of paying again (null: no journal).</summary>
    public LlmGatewayBuilder WithCallJournal(ICallJournal? journal) { _journal = journal; return this; }
    /// <summary>Share the org budget with other processes through this store (null: this process's governor alone).</summary>
    public LlmGatewayBuilder WithBudgetStore(IBudgetStore? store) { _budgetStore = store; return this; }
    internal LlmGatewayBuilder WithJitter(Func<double> unitRandom) { _jitter = unitRandom; return this; }
    /// <summary>Tests: replace the provider client under the middleware.</summary>
    internal LlmGatewayBuilder WithProviderClient(Func<LlmProvider, ModelTier, IChatClient> factory) { _providerOverride = factory; return this; }
    /// <summary>Tests: the governor's count_tokens source (default: the Anthropic SDK's, for Anthropic-compatible providers).</summary>
    internal LlmGatewayBuilder WithTokenCounter(ITokenCounter counter) { _counterOverride = counter; return this; }

    public LlmGateway Build()
    {
        var provider = _provider ?? config.Provider;
        var logger = _loggers.CreateLogger("AlphaResearch.Llm");
        var deadline = RetryDeadline.Resolve(config.RetryDeadlineSeconds, _env(RetryDeadline.EnvVar), logger);
        decimal budget = ResolveBudget(config.RunBudgetUsd, _env(RunBudgetEnv));
        var scopes = new LlmCallScopes();
        var ledger = new UsageLedger(_ledgerPath);
        var governor = (_governor ?? config.GovernorEnabled) ? new TokenGovernor(config.RateLimits, _time, probeFirst: true,
            _budgetStore is null ? null : new SharedBudget(_budgetStore, _time, _loggers.CreateLogger<SharedBudget>())) : null;
        var owned = new List<IDisposable>();

        var clients = new Dictionary<ModelTier, IChatClient>();
        AnthropicClient? anthropic = null;
        foreach (var tier in new[] { ModelTier.Fast, ModelTier.Strategic })
        {
            string model = config.ModelFor(tier);
            int maxTokens = config.MaxOutputTokensFor(tier);
            IChatClient client;
            if (_providerOverride is not null)
            {
                client = _providerOverride(provider, tier);
            }
            else
            {
                switch (provider)
                {
                    case LlmProvider.Anthropic:
                    case LlmProvider.Sim:
                        anthropic ??= CreateAnthropic(provider, scopes, owned);
                        client = anthropic.AsIChatClient(model, maxTokens);
                        break;
                    case LlmProvider.OpenAI:
                        client = CreateOpenAi(model, scopes, owned);
                        break;
                    case LlmProvider.Stub:
                        client = new StubChatClient(model);
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown LLM provider");
                }
            }
            clients[tier] = Compose(client, tier, provider, anthropic, governor, deadline, budget, ledger, scopes);
        }
        LlmLog.GatewayBuilt(logger, provider.Id(), config.FastModel, config.StrategicModel, governor is null ? "off" : "on",
            governor?.Store is { } shared ? $" (org budget shared in {shared.Store.Location})" : "", deadline.TotalMinutes, budget > 0 ? $"${budget:0.00}" : "off");
        return new LlmGateway(provider, config, clients, ledger, governor, deadline, budget, owned, scopes);
    }

    /// <summary>
    /// One tier's pipeline through the public <c>Use…</c> extensions; the first added is the outermost. The layers
    /// share the gateway's call scopes (which the HTTP handler also feeds), its ledger and its one governor.
    /// </summary>
    private IChatClient Compose(IChatClient provider, ModelTier tier, LlmProvider kind, AnthropicClient? anthropic, TokenGovernor? governor,
        TimeSpan deadline, decimal budget, UsageLedger ledger, LlmCallScopes scopes)
    {
        string model = config.ModelFor(tier);
        var builder = new ChatClientBuilder(provider)
            .UseUsageLedger(o =>
            {
                o.Ledger = ledger; o.Prices = config.Prices; o.RunDate = _runDate; o.DefaultModel = model; o.RunBudgetUsd = budget;
                o.TimeProvider = _time; o.LoggerFactory = _loggers; o.Scopes = scopes;
            });
        // Inside usage (a replay is booked at $0, marked replayed), outside retry and governor (a replay spends no budget).
        if (_journal is not null)
            builder.UseCallJournal(o => { o.Journal = _journal; o.Salt = kind.Id(); o.DefaultModel = model; o.LoggerFactory = _loggers; o.Scopes = scopes; });
        builder.UseRateLimitRetry(o =>
            {
                o.Deadline = deadline; o.TimeProvider = _time; o.LoggerFactory = _loggers; o.Jitter = _jitter; o.Scopes = scopes;
            });
        if (governor is not null)
        {
            builder.UseTokenGovernor(o =>
            {
                o.Governor = governor; o.DefaultModel = model; o.DefaultMaxOutputTokens = config.MaxOutputTokensFor(tier);
                o.LoggerFactory = _loggers; o.Scopes = scopes;
                // count_tokens only where the server has it (Anthropic Messages API); tests inject their own.
                o.TokenCounter = _counterOverride;
                if (_counterOverride is null && _providerOverride is null) o.TokenCountClient = anthropic;
            });
        }
        // OpenTelemetry (docs/OBSERVABILITY.md): one GenAI span per provider round trip — every retry attempt and
        // tool-loop round — below governor and retry, so neither their waits nor budget holds count as model time.
        // No logger: message content must never reach the logs.
        builder.UseOpenTelemetry(loggerFactory: null, sourceName: AlphaResearchTelemetry.Name);
        if (config.PromptCaching && kind is LlmProvider.Anthropic or LlmProvider.Sim)
            builder.UsePromptCaching(o => o.DefaultModel = model);
        return builder.Build();
    }

    /// <summary>
    /// Env wins over config; ≤ 0 disables on purpose. Anything unparseable is bad input (exit 2) before any call:
    /// a typo must never silently remove the ceiling (R7).
    /// </summary>
    internal static decimal ResolveBudget(decimal configUsd, string? envValue)
    {
        if (string.IsNullOrWhiteSpace(envValue)) return configUsd;
        if (decimal.TryParse(envValue.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var usd)) return usd;
        throw new LlmConfigException(
            $"{RunBudgetEnv}='{envValue}' is not a number of US dollars; set it to a plain number such as 25 or 0.50 (no currency sign or unit), or unset it to use llm.run_budget_usd ({configUsd:0.##})");
    }

    private string? ResolveBaseUrl() => _baseUrl ?? NonEmpty(_env(BaseUrlEnv)) ?? config.BaseUrl;

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private AnthropicClient CreateAnthropic(LlmProvider provider, LlmCallScopes scopes, List<IDisposable> owned)
    {
        string? key = NonEmpty(_env(ApiKeyEnv));
        string? baseUrl = ResolveBaseUrl();
        if (provider == LlmProvider.Sim)
        {
            if (baseUrl is null)
                throw new InvalidOperationException($"provider 'sim' needs the simulator's URL: start `alpha-research llm-sim` and set {BaseUrlEnv} or llm.base_url to the URL it prints");
            key ??= "sim-key"; // the simulator accepts any key
        }
        else if (key is null)
        {
            throw new InvalidOperationException($"provider 'anthropic' needs an API key: set {ApiKeyEnv} (or use --llm stub / sim for a dry run)");
        }
        var options = new ClientOptions
        {
            ApiKey = key,
            MaxRetries = config.SdkMaxRetries,
            Timeout = TimeSpan.FromSeconds(config.RequestTimeoutSeconds),
            Handlers = [new ResponseCaptureHandler(scopes)],
        };
        if (baseUrl is not null) options = options with { BaseUrl = baseUrl };
        var client = new AnthropicClient(options);
        owned.Add(client);
        return client;
    }

    private IChatClient CreateOpenAi(string model, LlmCallScopes scopes, List<IDisposable> owned)
    {
        string? baseUrl = ResolveBaseUrl();
        var http = new HttpClient(new ResponseCaptureHandler(scopes) { InnerHandler = new SocketsHttpHandler() })
        {
            Timeout = TimeSpan.FromSeconds(config.RequestTimeoutSeconds),
        };
        owned.Add(http);
        var options = new OpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(config.SdkMaxRetries),
        };
        if (baseUrl is not null) options.Endpoint = new Uri(baseUrl);
        // Local model servers usually ignore the key, but the client requires one.
        var key = NonEmpty(_env(OpenAiApiKeyEnv)) ?? "not-needed";
        return new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient(model).AsIChatClient();
    }
}
