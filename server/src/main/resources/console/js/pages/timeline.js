import { get } from '../api.js';
import { href } from '../app.js';
import { go, h, kind, show, toolLink, when } from '../dom.js';

const PAGE = 50;

/** The log in causal order, filtered by source, type and time, a page at a time (after=seq cursor). */
export async function timelinePage({ params }, current) {
  const filters = {
    source: params.get('source') ?? '',
    type: params.get('type') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const after = params.get('after') ?? '';
  const page = await get('/v1/events', { ...filters, after, limit: PAGE, from: iso(filters.from), to: iso(filters.to) });
  if (!current()) return;

  const field = (name, label, attrs = {}) => [
    h('label', { for: 'f-' + name }, label),
    h('input', { id: 'f-' + name, name, value: filters[name], ...attrs }),
  ];
  const form = h('form', { class: 'filters', id: 'timeline-filters', role: 'search' },
    field('source', 'Source', { list: 'sources', placeholder: 'github, sentry …' }),
    h('datalist', { id: 'sources' }, ['github', 'linear', 'sentry', 'vercel', 'slack', 'api'].map((s) => h('option', { value: s }))),
    field('type', 'Type', { placeholder: 'github.pull_request.*' }),
    field('from', 'From', { type: 'date' }),
    field('to', 'Before', { type: 'date' }),
    h('button', { type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    location.hash = href('timeline', data);
  });

  const rows = page.events.map((e) => h('li', { class: 'event' },
    h('div', { class: 'meta' },
      h('span', { class: 'seq' }, '#' + e.seq), ' ',
      h('time', { datetime: e.occurredAt }, when(e.occurredAt)), ' ',
      h('span', { class: 'source' }, e.source), ' ',
      h('code', {}, e.type)),
    h('div', {}, go('/event/' + encodeURIComponent(e.id), e.title || e.type, { class: 'title' })),
    h('div', { class: 'subjects' },
      (e.subjects ?? []).map((s) => [go(entityByKey(s), s.label ?? s.key, { class: 'entity' }), ' ', kind(s.kind), ' ']),
      toolLink(e.url))));

  const paging = h('nav', { class: 'paging', 'aria-label': 'Pages' },
    after ? h('a', { href: href('timeline', filters) }, '⇤ From the start') : null,
    page.hasMore ? h('a', { href: href('timeline', { ...filters, after: page.nextAfter }), rel: 'next', id: 'next-page' }, 'Next page →') : null);

  show(h('h1', {}, 'Timeline'),
    h('p', { class: 'muted' }, 'The log in causal order (each event with its sequence number and the tool\'s link).'),
    form,
    rows.length ? h('ol', { class: 'events', id: 'events' }, rows) : h('p', {}, 'No events match.'),
    paging);
}

/** A subject as events name it (kind and natural key) opens its entity page. */
export function entityByKey(s) {
  return '/entity?' + new URLSearchParams({ kind: s.kind, key: s.key });
}

function iso(date) {
  return date ? new Date(date + 'T00:00:00Z').toISOString() : '';
}
