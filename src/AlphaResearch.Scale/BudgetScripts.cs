namespace AlphaResearch.Scale;

/// <summary>
/// The Lua scripts of <see cref="RedisBudgetStore"/>. Each runs atomically in Redis (one script = one step of the
/// whole org): it loads a model's three buckets, refills them by the time elapsed on Redis's own clock (TIME, so no
/// worker's clock matters), does its one thing and saves. Bucket = capacity (the per-minute limit, lowered by the
/// server's -limit header) and level (refill capacity/60 000 per ms), as the governor's in-process buckets.
/// KEYS[1] the state hash, KEYS[2] the FIFO queue of tickets, KEYS[3] the ticket sequence;
/// ARGV[1] ticket, ARGV[2..4] configured RPM, ITPM, OTPM.
/// </summary>
internal static class BudgetScripts
{
    /// <summary>Idle state expires: a bucket untouched for 10 minutes is full again, the same as no state.</summary>
    public const int IdleExpiryMs = 600_000;

    private const string Prelude = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local cfg = {tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])}
        local s = redis.call('HMGET', KEYS[1], 'c1', 'c2', 'c3', 'l1', 'l2', 'l3', 'ts', 'pause')
        local cap, lvl, pause = {}, {}, 0
        if not s[1] then
          for i = 1, 3 do cap[i] = cfg[i]; lvl[i] = cfg[i] end
        else
          local elapsed = math.max(0, now - tonumber(s[7]))
          pause = tonumber(s[8])
          for i = 1, 3 do
            cap[i] = math.min(tonumber(s[i]), cfg[i])
            lvl[i] = math.min(cap[i], tonumber(s[i + 3]) + elapsed * cap[i] / 60000)
          end
        end
        local function save()
          redis.call('HSET', KEYS[1], 'c1', tostring(cap[1]), 'c2', tostring(cap[2]), 'c3', tostring(cap[3]),
            'l1', tostring(lvl[1]), 'l2', tostring(lvl[2]), 'l3', tostring(lvl[3]), 'ts', tostring(now), 'pause', tostring(pause))
          redis.call('PEXPIRE', KEYS[1], 600000)
        end

        """;

    /// <summary>
    /// ARGV[5] input tokens, ARGV[6] output tokens, ARGV[7] ticket TTL ms, ARGV[8] ticket key prefix.
    /// The ticket joins the queue (once, scored by arrival) and is kept alive by every poll; tickets whose process died
    /// (their liveness key expired) are dropped from the head. Only the head may take, and only all three dimensions at
    /// once. Returns {1, 0, left} admitted; {0, ms, left} the head must wait ms; {0, -1, left} not the head yet; {2, dim, left} can never fit
    /// (left = the input tokens the org has after this step, whole tokens).
    /// </summary>
    public const string Acquire = Prelude + """
        local ticket = ARGV[1]
        local tkey = ARGV[8] .. ticket
        redis.call('SET', tkey, '1', 'PX', ARGV[7])
        if not redis.call('ZSCORE', KEYS[2], ticket) then
          redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ticket)
        end
        redis.call('PEXPIRE', KEYS[2], 600000)
        redis.call('PEXPIRE', KEYS[3], 600000)
        while true do
          local head = redis.call('ZRANGE', KEYS[2], 0, 0)
          if #head == 0 or redis.call('EXISTS', ARGV[8] .. head[1]) == 1 then break end
          redis.call('ZREM', KEYS[2], head[1])
        end
        local need = {1, tonumber(ARGV[5]), tonumber(ARGV[6])}
        for i = 1, 3 do
          if need[i] > cap[i] then
            redis.call('ZREM', KEYS[2], ticket)
            redis.call('DEL', tkey)
            save()
            return {2, i, math.floor(lvl[2])}
          end
        end
        if redis.call('ZRANGE', KEYS[2], 0, 0)[1] ~= ticket then save() return {0, -1, math.floor(lvl[2])} end
        local wait = 0
        if pause > now then wait = pause - now end
        for i = 1, 3 do
          if lvl[i] < need[i] then wait = math.max(wait, math.ceil((need[i] - lvl[i]) * 60000 / cap[i])) end
        end
        if wait > 0 then save() return {0, wait, math.floor(lvl[2])} end
        for i = 1, 3 do lvl[i] = lvl[i] - need[i] end
        save()
        redis.call('ZREM', KEYS[2], ticket)
        redis.call('DEL', tkey)
        return {1, 0, math.floor(lvl[2])}
        """;

    /// <summary>ARGV[5] input delta, ARGV[6] output delta: give back (positive) or charge (negative), never above capacity.</summary>
    public const string Adjust = Prelude + """
        lvl[2] = math.min(cap[2], lvl[2] + tonumber(ARGV[5]))
        lvl[3] = math.min(cap[3], lvl[3] + tonumber(ARGV[6]))
        save()
        return 1
        """;

    /// <summary>
    /// ARGV[5..10] limit and remaining per dimension (requests, input, output; '' = not reported), ARGV[11] pause ms.
    /// A smaller server limit lowers the capacity for everyone; "remaining" caps the level; a 429 pauses the model org-wide.
    /// </summary>
    public const string Correct = Prelude + """
        for i = 1, 3 do
          local limit, remaining = ARGV[3 + 2 * i], ARGV[4 + 2 * i]
          if limit ~= '' and tonumber(limit) > 0 and tonumber(limit) < cap[i] then cap[i] = tonumber(limit) end
          lvl[i] = math.min(lvl[i], cap[i])
          if remaining ~= '' then lvl[i] = math.min(lvl[i], tonumber(remaining)) end
        end
        local p = tonumber(ARGV[11])
        if p > 0 then pause = math.max(pause, now + p) end
        save()
        return 1
        """;
}
