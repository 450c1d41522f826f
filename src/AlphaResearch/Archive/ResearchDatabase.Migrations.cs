namespace AlphaResearch.Archive;

internal sealed partial class ResearchDatabase
{
    /// <summary>
    /// A schema step. Append only: a released migration is never edited, a change is a new version. Every statement is
    /// idempotent (IF NOT EXISTS) so a step interrupted between its DDL and its schema_version row cannot wedge the file.
    /// </summary>
    internal sealed record Migration(int Version, string Description, string Sql);

    /// <summary>Column sets follow the reference's research.db (§5.4) where they apply, plus run_date keys so a run can be replaced.</summary>
    internal static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "core research tables", """
            CREATE TABLE IF NOT EXISTS investment_thesis (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                symbol TEXT NOT NULL, date TEXT NOT NULL, run_time TEXT NOT NULL,
                rating TEXT NOT NULL, score REAL NOT NULL, technical_score REAL, quant_score REAL, qual_score REAL,
                macro_modifier REAL, thesis_summary TEXT, prev_rating TEXT, prev_score REAL,
                last_material_change_date TEXT, stale_days INTEGER, consistency_flag INTEGER, conviction TEXT, signal TEXT,
                score_velocity_5d REAL, price_target_upside REAL, predicted_direction TEXT, prediction_confidence REAL,
                sector TEXT, team_id TEXT, bull_case TEXT, bear_case TEXT, catalysts TEXT, risks TEXT,
                weighted_base REAL, macro_shift REAL, is_held_update INTEGER NOT NULL DEFAULT 0,
                UNIQUE(symbol, date, run_time));
            CREATE TABLE IF NOT EXISTS thesis_history (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                ticker TEXT NOT NULL, run_date TEXT NOT NULL, author TEXT NOT NULL, thesis_type TEXT NOT NULL,
                bull_case TEXT, bear_case TEXT, catalysts TEXT, risks TEXT, conviction TEXT, score REAL, rationale TEXT);
            CREATE TABLE IF NOT EXISTS population (
                run_date TEXT NOT NULL, symbol TEXT NOT NULL, sector TEXT NOT NULL, team_id TEXT,
                long_term_score REAL, long_term_rating TEXT, conviction TEXT, price_target_upside REAL,
                thesis_summary TEXT, entry_date TEXT NOT NULL, tenure_weeks INTEGER NOT NULL,
                PRIMARY KEY(run_date, symbol));
            CREATE TABLE IF NOT EXISTS population_history (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                date TEXT NOT NULL, event_type TEXT NOT NULL, ticker_in TEXT, ticker_out TEXT, sector TEXT,
                reason TEXT, score_in REAL, score_out REAL, cio_rank INTEGER);
            CREATE TABLE IF NOT EXISTS cio_evaluations (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                ticker TEXT NOT NULL, eval_date TEXT NOT NULL, team_id TEXT, quant_score REAL, qual_score REAL,
                combined_score REAL, macro_shift REAL, final_score REAL, cio_decision TEXT NOT NULL,
                cio_conviction INTEGER, cio_rank INTEGER, rationale TEXT, rule_tags TEXT, entry_thesis TEXT,
                UNIQUE(ticker, eval_date));
            CREATE TABLE IF NOT EXISTS team_candidates (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                ticker TEXT NOT NULL, eval_date TEXT NOT NULL, team_id TEXT NOT NULL, quant_rank INTEGER,
                quant_score REAL, qual_score REAL, team_recommended INTEGER NOT NULL,
                rsi_score REAL, macd_score REAL, ma50_score REAL, ma200_score REAL, momentum_score REAL,
                UNIQUE(ticker, eval_date, team_id));
            CREATE TABLE IF NOT EXISTS scanner_evaluations (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                ticker TEXT NOT NULL, eval_date TEXT NOT NULL, sector TEXT, tech_score REAL, quant_filter_pass INTEGER NOT NULL,
                rsi_14 REAL, atr_pct REAL, price_vs_ma200 REAL, current_price REAL, avg_volume_20d REAL,
                UNIQUE(ticker, eval_date));
            CREATE TABLE IF NOT EXISTS llm_usage (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                run_date TEXT NOT NULL, agent_id TEXT NOT NULL, label TEXT NOT NULL, model TEXT NOT NULL,
                input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cache_read_tokens INTEGER NOT NULL,
                cache_write_tokens INTEGER NOT NULL, latency_ms REAL NOT NULL, attempts INTEGER NOT NULL,
                rate_limit_waits INTEGER NOT NULL, rate_limit_wait_seconds REAL NOT NULL, cost_usd TEXT NOT NULL, at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS sector_views (
                run_date TEXT NOT NULL, sector TEXT NOT NULL, market_regime TEXT NOT NULL, rating TEXT NOT NULL,
                modifier REAL NOT NULL, rationale TEXT, PRIMARY KEY(run_date, sector));
            CREATE TABLE IF NOT EXISTS published_runs (
                run_date TEXT PRIMARY KEY, published_at TEXT NOT NULL, signals_sha256 TEXT NOT NULL);
            """),
        new(2, "indexes for per-date reads", """
            CREATE INDEX IF NOT EXISTS ix_thesis_symbol_date ON investment_thesis(symbol, date);
            CREATE INDEX IF NOT EXISTS ix_thesis_date ON investment_thesis(date);
            CREATE INDEX IF NOT EXISTS ix_thesis_history_run_date ON thesis_history(run_date);
            CREATE INDEX IF NOT EXISTS ix_population_history_date ON population_history(date);
            CREATE INDEX IF NOT EXISTS ix_scanner_evaluations_eval_date ON scanner_evaluations(eval_date);
            CREATE INDEX IF NOT EXISTS ix_llm_usage_run_date ON llm_usage(run_date);
            """),
        // ADD COLUMN has no IF NOT EXISTS; the step is applied once, inside the migration transaction.
        new(3, "llm_usage call ids (each paid call recorded once across attempts and processes)", """
            ALTER TABLE llm_usage ADD COLUMN call_id TEXT;
            CREATE UNIQUE INDEX IF NOT EXISTS ux_llm_usage_call_id ON llm_usage(call_id);
            """),
        // Issue 12: every published signal's forward windows (docs/EVALUATION.md). A row exists from the publish on;
        // its window columns stay NULL until the bars reach t+h, and are filled by later runs and by `evaluate`.
        new(4, "score_performance: forward returns of published signals", """
            CREATE TABLE IF NOT EXISTS score_performance (
                run_date TEXT NOT NULL, ticker TEXT NOT NULL, horizon_days INTEGER NOT NULL,
                signal TEXT NOT NULL, score REAL, technical_score REAL, rating TEXT, team_id TEXT, sector TEXT, conviction TEXT,
                end_date TEXT, start_close REAL, end_close REAL, stock_return REAL, spy_return REAL, alpha REAL, log_alpha REAL,
                sector_etf TEXT, sector_return REAL, sector_excess REAL,
                PRIMARY KEY(run_date, ticker, horizon_days));
            CREATE INDEX IF NOT EXISTS ix_score_performance_end_date ON score_performance(end_date);
            """),
        // The CIO stamps sector + sub-scores on every decision (#261).
        new(5, "cio_evaluations sector; macro_reports (the previous report text the macro economist reads)", """
            ALTER TABLE cio_evaluations ADD COLUMN sector TEXT;
            CREATE TABLE IF NOT EXISTS macro_reports (
                run_date TEXT PRIMARY KEY, market_regime TEXT NOT NULL, key_theme TEXT, report_md TEXT);
            """),
    ];
}
