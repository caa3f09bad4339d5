import { get, getText } from '../api.js';
import { citation, facts, go, h, kind, show, toolLink, when } from '../dom.js';
import { entityByKey } from './timeline.js';

/** One event: what it says, what it is about, what it follows from, and the raw delivery it came from. */
export async function eventPage({ id }, current) {
  const e = await get('/v1/events/' + encodeURIComponent(id));
  if (!current()) return;
  const incident = (e.subjects ?? []).some((s) => s.kind === 'incident');
  show(
    h('h1', {}, e.title || e.type),
    h('p', { class: 'meta' },
      h('code', {}, e.type), ' from ', e.source, ' · #', e.seq, ' · ', h('time', { datetime: e.occurredAt }, when(e.occurredAt)),
      ' · observed ', when(e.observedAt)),
    h('p', { class: 'actions' },
      go('/why/' + encodeURIComponent(e.id), incident ? 'Why did this happen?' : 'Why-chain', { id: 'why-link', class: 'button' }), ' ',
      toolLink(e.url, 'Open in ' + e.source), ' ',
      e.rawRef ? h('a', { href: '/v1/deliveries/' + encodeURIComponent(e.rawRef) + '/body', id: 'raw-link', 'data-raw': e.rawRef, class: 'raw' }, 'Raw body') : null),
    e.body ? h('pre', { class: 'body' }, e.body) : null,
    h('h2', {}, 'About'),
    h('ul', { class: 'subjects' },
      e.actor ? h('li', {}, kind(e.actor.kind), ' ', go(entityByKey(e.actor), e.actor.label ?? e.actor.key, { class: 'entity' }), ' (actor)') : null,
      (e.subjects ?? []).map((s) => h('li', {}, kind(s.kind), ' ', go(entityByKey(s), s.label ?? s.key, { class: 'entity' })))),
    (e.causes ?? []).length ? [h('h2', {}, 'Follows from'), h('ul', {}, e.causes.map((c) => h('li', {}, citation(c))))] : null,
    h('h2', {}, 'Attributes'),
    facts(e.attributes) ?? h('p', { class: 'muted' }, 'none'),
    e.raw ? [h('h2', {}, 'Delivery'), facts({ id: e.raw.id, source: e.raw.source, event: e.raw.eventName, received: e.raw.receivedAt, connection: e.raw.connectionId })] : null);
  // The raw body needs the bearer key, which a plain link cannot send: fetch it and show it here.
  const raw = document.getElementById('raw-link');
  if (raw) {
    raw.addEventListener('click', async (ev) => {
      ev.preventDefault();
      const text = await fetchRaw(raw.dataset.raw);
      raw.replaceWith(h('pre', { class: 'body', id: 'raw-body' }, text));
    });
  }
}

async function fetchRaw(rawRef) {
  const text = await getText('/v1/deliveries/' + encodeURIComponent(rawRef) + '/body');
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
