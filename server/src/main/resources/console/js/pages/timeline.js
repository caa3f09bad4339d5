import { get } from '../api.js';
import { href, onLeave } from '../app.js';
import { go, h, kind, show, toolLink, when } from '../dom.js';

const PAGE = 50;
const SOURCES = ['github', 'linear', 'sentry', 'vercel', 'slack', 'api'];

/**
 * The log newest first (before=seq cursor), filtered by source, type, time, person or entity; on its
 * first page new events arrive live from GET /v1/events/stream (server-sent events).
 */
export async function timelinePage({ params }, current) {
  const filters = {
    source: params.get('source') ?? '',
    type: params.get('type') ?? '',
    person: params.get('person') ?? '',
    entity: params.get('entity') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const before = params.get('before') ?? '';
  const after = params.get('after') ?? '';
  // A person or an entity: their history in the graph (GET /v1/entities/{id}/timeline, causal order).
  const about = filters.person || filters.entity ? await resolve(filters) : null;
  if (!current()) return;
  const page = about
    ? await get('/v1/entities/' + encodeURIComponent(about.id) + '/timeline', { limit: PAGE, after })
    : await get('/v1/events', {
      source: filters.source, type: filters.type, from: iso(filters.from), to: iso(filters.to),
      order: 'newest', before, limit: PAGE,
    });
  if (!current()) return;

  const field = (name, label, attrs = {}) => [
    h('label', { for: 'f-' + name }, label),
    h('input', { id: 'f-' + name, name, value: filters[name], ...attrs }),
  ];
  const form = h('form', { class: 'filters', id: 'timeline-filters', role: 'search' },
    field('source', 'Source', { list: 'sources', placeholder: 'github, sentry …' }),
    h('datalist', { id: 'sources' }, SOURCES.map((s) => h('option', { value: s }))),
    field('type', 'Type', { placeholder: 'github.pull_request.*' }),
    field('person', 'Person', { placeholder: 'name, login or email' }),
    field('entity', 'Entity', { placeholder: 'ent_… or a name' }),
    field('from', 'From', { type: 'date' }),
    field('to', 'Before', { type: 'date' }),
    h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = href('timeline', Object.fromEntries(new FormData(form)));
  });

  const list = h('ol', { class: 'events', id: 'events' }, page.events.map((e) => row(e)));
  const status = h('p', { class: 'muted', id: 'live-status', role: 'status' });
  const paging = about
    ? h('nav', { class: 'paging', 'aria-label': 'Pages' },
      after ? h('a', { href: href('timeline', filters) }, '⇤ From the start') : null,
      page.hasMore ? h('a', { href: href('timeline', { ...filters, after: page.nextAfter }), rel: 'next', id: 'next-page' }, 'Later events →') : null)
    : h('nav', { class: 'paging', 'aria-label': 'Pages' },
      before ? h('a', { href: href('timeline', filters) }, '⇤ Newest') : null,
      page.hasMore ? h('a', { href: href('timeline', { ...filters, before: page.nextBefore }), rel: 'next', id: 'next-page' }, 'Older events →') : null);

  show(h('h1', {}, about ? `Timeline of ${about.name ?? about.key}` : 'Timeline'),
    h('p', { class: 'muted' }, about
      ? ['The history of ', go('/entity/' + encodeURIComponent(about.id), about.name ?? about.key, { class: 'entity' }), ' ', kind(about.kind), ' in causal order.']
      : 'The log, newest first; new events appear as they arrive.'),
    form,
    status,
    list,
    page.events.length ? null : h('p', { id: 'no-events' }, 'No events match.'),
    paging);

  if (!about && !before) follow(list, status, filters, current);
}

/** New events of the tenant, as they commit, at the top of the list (those the filters let through). */
function follow(list, status, filters, current) {
  const stream = new EventSource('/v1/events/stream', { withCredentials: true });
  let arrived = 0;
  onLeave(() => stream.close());
  stream.addEventListener('open', () => { status.textContent = 'Live: new events appear at the top.'; });
  stream.addEventListener('event', (message) => {
    if (!current()) {
      stream.close();
      return;
    }
    const e = JSON.parse(message.data);
    if (!matches(e, filters)) return;
    list.prepend(row(e, true));
    document.getElementById('no-events')?.remove();
    arrived += 1;
    status.textContent = `Live: ${arrived} new event${arrived === 1 ? '' : 's'} since this page opened.`;
  });
}

function matches(e, f) {
  if (f.source && e.source !== f.source) return false;
  if (f.type && !(f.type.endsWith('.*') ? e.type.startsWith(f.type.slice(0, -1)) : e.type === f.type)) return false;
  if (f.from && e.occurredAt < iso(f.from)) return false;
  if (f.to && e.occurredAt >= iso(f.to)) return false;
  return true;
}

function row(e, fresh = false) {
  return h('li', { class: fresh ? 'event fresh' : 'event', 'data-seq': e.seq },
    h('div', { class: 'meta' },
      h('span', { class: 'seq' }, '#' + e.seq), ' ',
      h('time', { datetime: e.occurredAt }, when(e.occurredAt)), ' ',
      h('span', { class: 'source' }, e.source), ' ',
      h('code', {}, e.type)),
    h('div', {}, go('/event/' + encodeURIComponent(e.id), e.title || e.type, { class: 'title' })),
    h('div', { class: 'subjects' },
      (e.subjects ?? []).map((s) => [go(entityByKey(s), s.label ?? s.key, { class: 'entity' }), ' ', kind(s.kind), ' ']),
      toolLink(e.url)));
}

/** The person or entity a filter names: an id, a natural key, or the best match by name. */
async function resolve(filters) {
  const wanted = (filters.person || filters.entity).trim();
  if (/^ent_/.test(wanted)) return get('/v1/entities/' + encodeURIComponent(wanted));
  const kindOf = filters.person ? 'person' : undefined;
  const byKey = kindOf && wanted.includes(':') ? await get('/v1/entities', { kind: kindOf, key: wanted }).catch(() => null) : null;
  const found = byKey?.entities?.length ? byKey : await get('/v1/entities', { kind: kindOf, q: wanted, limit: 1 });
  if (!found.entities?.length) throw new Error(`No ${filters.person ? 'person' : 'entity'} matches '${wanted}'.`);
  return found.entities[0];
}

/** A subject as events name it (kind and natural key) opens its entity page. */
export function entityByKey(s) {
  return '/entity?' + new URLSearchParams({ kind: s.kind, key: s.key });
}

function iso(date) {
  return date ? new Date(date + 'T00:00:00Z').toISOString() : '';
}
