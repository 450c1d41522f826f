// Wire conformance of the Alpha Research LLM simulator, checked with the official Anthropic TypeScript SDK.
// Run by SimulatorConformanceTests (xunit), which starts the simulator and sets ANTHROPIC_BASE_URL.
// Prints one "ok <check>" line per passed check; exits 1 on the first failure, naming it.
import assert from "node:assert/strict";
import Anthropic, { RateLimitError, BadRequestError } from "@anthropic-ai/sdk";

const baseURL = process.env.ANTHROPIC_BASE_URL;
if (!baseURL) { console.error("ANTHROPIC_BASE_URL is not set"); process.exit(2); }
const client = new Anthropic({ baseURL, apiKey: "sk-ant-conformance-not-a-real-key", maxRetries: 0 });
const model = "claude-haiku-4-5";
const user = (text) => [{ role: "user", content: text }];

const checks = {
  async create() {
    const { data: msg, response, request_id } = await client.messages
      .create({ model, max_tokens: 256, messages: user("Say hello about AMD.") })
      .withResponse();
    assert.equal(msg.type, "message");
    assert.equal(msg.role, "assistant");
    assert.equal(msg.content[0].type, "text");
    assert.match(msg.content[0].text, /DRY-RUN SIM/);
    assert.equal(msg.stop_reason, "end_turn");
    assert.ok(msg.usage.input_tokens > 0 && msg.usage.output_tokens > 0, "usage is reported");
    assert.match(request_id ?? "", /^req_/, "request-id header is exposed as request_id");
    assert.ok(response.headers.get("anthropic-ratelimit-input-tokens-limit"), "rate-limit headers");
  },

  async stream() {
    const events = [];
    const stream = client.messages.stream({ model, max_tokens: 256, messages: user("Stream a short answer.") });
    stream.on("streamEvent", (e) => events.push(e.type));
    const final = await stream.finalMessage();
    assert.equal(events[0], "message_start");
    assert.equal(events.at(-1), "message_stop");
    assert.ok(events.includes("content_block_delta"));
    assert.match(final.content[0].text, /DRY-RUN SIM/);
    assert.equal(final.stop_reason, "end_turn");
    assert.ok(final.usage.output_tokens > 0);
  },

  async tool_round_trip() {
    const tools = [{
      name: "get_price", description: "Last price of one ticker", strict: true,
      input_schema: { type: "object", properties: { ticker: { type: "string" } }, required: ["ticker"], additionalProperties: false },
    }];
    const messages = user("What is the price of AMD?");
    const first = await client.messages.create({ model, max_tokens: 512, messages, tools });
    assert.equal(first.stop_reason, "tool_use");
    const call = first.content.find((b) => b.type === "tool_use");
    assert.ok(call, "a tool_use block");
    assert.equal(call.name, "get_price");
    assert.equal(typeof call.input.ticker, "string");
    const second = await client.messages.create({
      model, max_tokens: 512, tools,
      messages: [...messages, { role: "assistant", content: first.content },
        { role: "user", content: [{ type: "tool_result", tool_use_id: call.id, content: "123.45" }] }],
    });
    assert.equal(second.stop_reason, "end_turn");
    assert.equal(second.content[0].type, "text");
  },

  async count_tokens() {
    const params = { model, messages: user("Count these tokens for AMD and NVDA, please.") };
    const counted = await client.messages.countTokens(params);
    const created = await client.messages.create({ ...params, max_tokens: 64 });
    assert.ok(counted.input_tokens > 0);
    assert.equal(counted.input_tokens, created.usage.input_tokens, "count_tokens agrees with the usage the server bills");
  },

  async rate_limit_429() {
    try {
      await client.messages.create({ model, max_tokens: 64, messages: user("CONFORMANCE-429 please") });
      assert.fail("expected a 429");
    } catch (e) {
      assert.ok(e instanceof RateLimitError, `RateLimitError, got ${e?.constructor?.name}: ${e}`);
      assert.equal(e.status, 429);
      assert.equal(e.headers.get("retry-after"), "3");
      assert.equal(e.headers.get("retry-after-ms"), "2500");
      assert.equal(e.error?.type, "error");
      assert.equal(e.error?.error?.type, "rate_limit_error");
      assert.match(e.requestID ?? "", /^req_/);
    }
  },

  async strict_schema_400() {
    try {
      await client.messages.create({
        model, max_tokens: 64, messages: user("Rate the sectors."),
        output_config: { format: { type: "json_schema", schema: { type: "object", properties: { ratings: { type: "object", additionalProperties: { type: "string" } } }, required: ["ratings"], additionalProperties: false } } },
      });
      assert.fail("expected a 400");
    } catch (e) {
      assert.ok(e instanceof BadRequestError, `BadRequestError, got ${e?.constructor?.name}: ${e}`);
      assert.equal(e.error?.error?.type, "invalid_request_error");
      assert.match(e.error?.error?.message ?? "", /additionalProperties/);
    }
  },

  async structured_output() {
    const msg = await client.messages.create({
      model, max_tokens: 512, messages: user("Pick a rating for AMD."),
      output_config: { format: { type: "json_schema", schema: { type: "object", properties: { ticker: { type: "string" }, rating: { type: "string", enum: ["BUY", "HOLD", "SELL"] } }, required: ["ticker", "rating"], additionalProperties: false } } },
    });
    const parsed = JSON.parse(msg.content[0].text);
    assert.ok(["BUY", "HOLD", "SELL"].includes(parsed.rating));
  },

  async max_tokens_and_stop_sequences() {
    const cut = await client.messages.create({ model, max_tokens: 2, messages: user("A long answer please.") });
    assert.equal(cut.stop_reason, "max_tokens");
    assert.ok(cut.usage.output_tokens <= 2);
    const stopped = await client.messages.create({ model, max_tokens: 256, messages: user("Answer."), stop_sequences: ["answer"] });
    assert.equal(stopped.stop_reason, "stop_sequence");
    assert.equal(stopped.stop_sequence, "answer");
  },

  async missing_max_tokens_400() {
    const r = await fetch(`${baseURL}/v1/messages`, {
      method: "POST", headers: { "content-type": "application/json", "x-api-key": "k", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ model, messages: user("hi") }),
    });
    assert.equal(r.status, 400);
    assert.match(r.headers.get("request-id") ?? "", /^req_/);
    const body = await r.json();
    assert.equal(body.type, "error");
    assert.equal(body.error.type, "invalid_request_error");
    assert.match(body.error.message, /max_tokens/);
  },
};

const only = process.argv.slice(2);
for (const [name, check] of Object.entries(checks)) {
  if (only.length && !only.includes(name)) continue;
  try {
    await check();
    console.log(`ok ${name}`);
  } catch (e) {
    console.error(`FAILED ${name}: ${e?.stack ?? e}`);
    process.exit(1);
  }
}
