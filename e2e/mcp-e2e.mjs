// The reference MCP client (the official TypeScript SDK) against a real Lightfast server.
//
// Each transport given in the environment is exercised with the same checks:
//   LIGHTFAST_MCP_URL + LIGHTFAST_API_KEY   streamable HTTP (a running server)
//   LIGHTFAST_MCP_STDIO                     stdio: a JSON array, the command and its arguments
//   LIGHTFAST_EXPECTED_EVENTS               how many events the tenant's log holds (from REST)
// The expectations come from the history itself (the demo's, whatever it holds): the log read over
// MCP must be the log, a known event must be found by search, its entity's timeline must contain it,
// and every citation must be a resource link that resources/read serves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const TOOLS = ['answer', 'check_rules', 'conflicts', 'execute_intent', 'get_event', 'intent_status', 'list_events',
  'propose_intent', 'related', 'search', 'timeline', 'truth', 'violations', 'why'];
// The tools that act on the team's tools (Act); every other tool only reads.
const ACTING = new Set(['propose_intent', 'execute_intent']);
const env = process.env;
const expectedEvents = env.LIGHTFAST_EXPECTED_EVENTS ? Number(env.LIGHTFAST_EXPECTED_EVENTS) : undefined;

const transports = [];
if (env.LIGHTFAST_MCP_URL) {
  assert.ok(env.LIGHTFAST_API_KEY, 'LIGHTFAST_API_KEY is needed with LIGHTFAST_MCP_URL');
  transports.push({
    name: 'streamable HTTP',
    make: () => new StreamableHTTPClientTransport(new URL(env.LIGHTFAST_MCP_URL), {
      requestInit: { headers: { Authorization: `Bearer ${env.LIGHTFAST_API_KEY}` } },
    }),
  });
}
if (env.LIGHTFAST_MCP_STDIO) {
  const [command, ...args] = JSON.parse(env.LIGHTFAST_MCP_STDIO);
  transports.push({
    name: 'stdio',
    make: () => new StdioClientTransport({ command, args, stderr: 'inherit' }),
  });
}
if (transports.length === 0) {
  throw new Error('set LIGHTFAST_MCP_URL and LIGHTFAST_API_KEY, or LIGHTFAST_MCP_STDIO');
}

const textOf = (result) => result.content.filter((c) => c.type === 'text').map((c) => c.text).join('\n');

async function call(client, name, args) {
  // callTool validates structuredContent against the tool's outputSchema (Ajv) and throws if it does not fit.
  const result = await client.callTool({ name, arguments: args });
  assert.notEqual(result.isError, true, `${name} failed: ${textOf(result)}`);
  assert.ok(result.structuredContent, `${name} returned no structuredContent`);
  assert.ok(textOf(result).length > 0, `${name} returned no text part`);
  return result;
}

/** Every citation is a resource_link in the content, and resources/read serves that very event. */
async function assertCitationsResolve(client, result, atLeast = 1) {
  const citations = result.structuredContent.citations;
  assert.ok(citations.length >= atLeast, `expected at least ${atLeast} citation(s)`);
  const links = result.content.filter((c) => c.type === 'resource_link').map((c) => c.uri);
  assert.deepEqual(links, citations.map((c) => c.uri));
  for (const c of citations) {
    assert.equal(c.uri, `lightfast://events/${c.eventId}`);
    const read = await client.readResource({ uri: c.uri });
    assert.equal(read.contents.length, 1);
    assert.equal(read.contents[0].mimeType, 'application/json');
    const event = JSON.parse(read.contents[0].text);
    assert.equal(event.id, c.eventId);
    if (c.url) assert.equal(event.url, c.url);
  }
}

for (const transport of transports) {
  test(`MCP over ${transport.name}`, { timeout: 180_000 }, async (t) => {
    const client = new Client({ name: 'lightfast-e2e', version: '1.0.0' });
    await client.connect(transport.make());
    t.after(() => client.close());

    let log;
    let known;

    await t.test('lists the tools, described, with input and output schemas', async () => {
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((x) => x.name).sort(), TOOLS);
      for (const tool of tools) {
        assert.ok(tool.description.length > 150, `${tool.name} needs a description a model can use`);
        assert.equal(tool.inputSchema.type, 'object');
        assert.equal(tool.outputSchema.type, 'object');
        assert.ok(tool.outputSchema.required.includes('citations'));
        assert.equal(tool.annotations.readOnlyHint, !ACTING.has(tool.name), `${tool.name}'s readOnlyHint`);
      }
      const { resourceTemplates } = await client.listResourceTemplates();
      assert.deepEqual(resourceTemplates.map((r) => r.uriTemplate).sort(),
        ['lightfast://entities/{id}', 'lightfast://events/{id}']);
    });

    await t.test('list_events reads the whole log in causal order, a page at a time', async () => {
      const first = await call(client, 'list_events', { limit: 3 });
      assert.equal(first.structuredContent.events.length, 3);
      assert.equal(first.structuredContent.hasMore, true);
      await assertCitationsResolve(client, first, 3);
      log = [...first.structuredContent.events];
      for (let page = first.structuredContent; page.hasMore;) {
        page = (await call(client, 'list_events', { after: page.nextAfter, limit: 200 })).structuredContent;
        log.push(...page.events);
      }
      if (expectedEvents !== undefined) assert.equal(log.length, expectedEvents);
      const seqs = log.map((e) => e.seq);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
      // A known event: a merged pull request when the history has one, else any event about something.
      known = log.find((e) => e.type.endsWith('pull_request.merged') && e.subjects?.length)
        ?? log.find((e) => e.subjects?.length);
      assert.ok(known, 'the history has an event about an entity');
    });

    await t.test('search finds the known event by its title and cites it', async () => {
      const result = await call(client, 'search', { query: known.title, limit: 10 });
      const ids = result.structuredContent.hits.map((h) => h.eventId);
      assert.ok(ids.includes(known.id), `search for "${known.title}" should find ${known.id}`);
      for (const hit of result.structuredContent.hits) assert.equal(hit.uri, `lightfast://events/${hit.eventId}`);
      await assertCitationsResolve(client, result);
    });

    await t.test('get_event returns the event, and its raw delivery on request', async () => {
      const result = await call(client, 'get_event', { id: known.id, includeRaw: true });
      assert.equal(result.structuredContent.event.id, known.id);
      assert.equal(result.structuredContent.event.title, known.title);
      assert.ok(result.structuredContent.raw, 'includeRaw returns the raw delivery');
      await assertCitationsResolve(client, result);
    });

    let entityId;
    await t.test("timeline of the event's entity contains the event", async () => {
      const subject = known.subjects[0];
      const result = await call(client, 'timeline', { entity: subject.key, kind: subject.kind, limit: 200 });
      entityId = result.structuredContent.entity.id;
      assert.equal(result.structuredContent.entity.key, subject.key);
      await assertCitationsResolve(client, result);
      const history = [...result.structuredContent.events];
      for (let page = result.structuredContent; page.hasMore;) {
        page = (await call(client, 'timeline', { entity: entityId, after: page.nextAfter, limit: 200 }))
          .structuredContent;
        history.push(...page.events);
      }
      assert.ok(history.some((e) => e.id === known.id), 'the timeline holds the event');
      const entity = await client.readResource({ uri: `lightfast://entities/${entityId}` });
      assert.equal(JSON.parse(entity.contents[0].text).id, entityId);
    });

    await t.test('related walks the graph from that entity, every relation cited', async () => {
      const result = await call(client, 'related', { entity: entityId, depth: 2 });
      assert.ok(result.structuredContent.relations.length > 0, 'the entity has relations');
      for (const r of result.structuredContent.relations) assert.ok(r.relation.citations.length > 0);
      await assertCitationsResolve(client, result);
    });

    await t.test('answer cites the events it rests on', async () => {
      const result = await call(client, 'answer', { question: `What happened with ${known.title}?` });
      const { evidence, summary, citations } = result.structuredContent;
      assert.ok(evidence.length > 0);
      const cited = new Set(citations.map((c) => c.eventId));
      for (const e of evidence) assert.ok(cited.has(e.eventId));
      for (const s of summary) for (const id of s.citations) assert.ok(cited.has(id));
      await assertCitationsResolve(client, result);
    });

    await t.test('why, truth and conflicts answer with their schemas, every step and claim cited', async () => {
      const why = await call(client, 'why', { id: known.id });
      for (const step of why.structuredContent.steps) {
        assert.ok(['asserted', 'inferred'].includes(step.basis), `a step is asserted or inferred: ${step.basis}`);
        assert.ok(step.citations.length > 0, 'every step cites its events');
      }
      await assertCitationsResolve(client, why, 0);
      const truth = await call(client, 'truth', { entity: entityId });
      for (const t of truth.structuredContent.truths) assert.ok(t.rationale.length > 0);
      await assertCitationsResolve(client, truth, 0);
      const conflicts = await call(client, 'conflicts', {});
      for (const c of conflicts.structuredContent.conflicts) assert.ok(c.claims.length >= 2);
    });

    await t.test('bad input is a tool error that says what is wrong, and the session goes on', async () => {
      const cases = [
        ['search', {}, "'query' is required"],
        ['search', { query: 'x', limit: 'ten' }, "'limit' must be a whole number"],
        ['get_event', { id: '01NOSUCHEVENT000000000000' }, "no event '01NOSUCHEVENT000000000000'"],
        ['timeline', { entity: 'ent_nope' }, "no entity 'ent_nope'"],
        ['related', { entity: entityId, depth: 9 }, "'depth' must be from 1 to 5"],
        ['answer', { question: ['not', 'a', 'string'] }, "'question' must be a string"],
      ];
      for (const [name, args, message] of cases) {
        const result = await client.callTool({ name, arguments: args });
        assert.equal(result.isError, true, `${name} ${JSON.stringify(args)} should be a tool error`);
        assert.match(textOf(result), new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      }
      await assert.rejects(client.readResource({ uri: 'lightfast://events/01NOSUCHEVENT000000000000' }),
        /no resource/);
      const after = await call(client, 'search', { query: known.title, limit: 1 });
      assert.equal(after.structuredContent.hits.length, 1);
    });
  });
}

if (env.LIGHTFAST_MCP_URL) {
  test('streamable HTTP refuses a missing key (401) and a foreign browser origin (403)', async () => {
    const initialize = JSON.stringify({
      jsonrpc: '2.0', id: 1, method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    });
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
    const noKey = await fetch(env.LIGHTFAST_MCP_URL, { method: 'POST', headers, body: initialize });
    assert.equal(noKey.status, 401);
    assert.equal((await noKey.json()).error.code, 'unauthorized');
    const foreign = await fetch(env.LIGHTFAST_MCP_URL, {
      method: 'POST',
      headers: { ...headers, Authorization: `Bearer ${env.LIGHTFAST_API_KEY}`, Origin: 'https://evil.example' },
      body: initialize,
    });
    assert.equal(foreign.status, 403);
    assert.equal((await foreign.json()).error.code, 'forbidden_origin');
  });
}
