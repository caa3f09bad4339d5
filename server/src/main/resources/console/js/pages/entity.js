import { get } from '../api.js';
import { href } from '../app.js';
import { citation, citations, facts, go, h, kind, problem, show, toolLink, when } from '../dom.js';
import { neighbourhood } from '../graph.js';

/** An entity: what it is, its aliases, the graph one or two hops out, its history, and its why-chain. */
export async function entityPage({ id, params }, current) {
  if (!id) {
    // Events name their subjects by kind and natural key; find the entity they resolve to.
    const found = await get('/v1/entities', { kind: params.get('kind'), key: params.get('key') });
    if (!current()) return;
    if (!found.entities?.length) {
      show(h('h1', {}, params.get('key')), problem(new Error('The graph does not know this entity (yet).')));
      return;
    }
    location.replace('#/entity/' + encodeURIComponent(found.entities[0].id));
    return;
  }
  const depth = params.get('depth') === '2' ? 2 : 1;
  const after = params.get('after') ?? '';
  const path = '/v1/entities/' + encodeURIComponent(id);
  const [entity, related, history] = await Promise.all([
    get(path),
    get(path + '/related', { depth }),
    get(path + '/timeline', { limit: 20, after }),
  ]);
  if (!current()) return;

  show(
    h('h1', {}, entity.name ?? entity.key),
    h('p', { class: 'meta' }, kind(entity.kind), ' ', h('code', {}, entity.key),
      ' · seen ', when(entity.firstSeen), ' – ', when(entity.lastSeen)),
    h('p', { class: 'actions' }, go('/why/' + encodeURIComponent(entity.id), 'Why-chain', { class: 'button', id: 'entity-why' })),
    h('div', { class: 'columns' },
      h('section', { 'aria-labelledby': 'h-graph' },
        h('h2', { id: 'h-graph' }, 'Neighbourhood'),
        h('p', {},
          depth === 1 ? 'One hop out · ' : h('a', { href: href('entity/' + encodeURIComponent(id), { depth: 1 }) }, 'One hop'), ' ',
          depth === 2 ? 'Two hops out' : h('a', { href: href('entity/' + encodeURIComponent(id), { depth: 2 }), id: 'two-hops' }, 'Two hops')),
        neighbourhood(related),
        related.truncated ? h('p', { class: 'muted' }, 'Only part of the neighbourhood is shown.') : null,
        h('h3', {}, 'Relations'),
        h('ul', { class: 'relations' }, (related.relations ?? []).map(({ relation: r }) => h('li', {},
          name(related, r.from), ' ', h('span', { class: 'relation' }, r.type), ' ', name(related, r.to),
          r.validFrom ? [' · since ', when(r.validFrom)] : null, r.validTo ? [' until ', when(r.validTo)] : null,
          ' ', citations(r.citations))))),
      h('section', { 'aria-labelledby': 'h-facts' },
        h('h2', { id: 'h-facts' }, 'Facts'),
        facts(entity.attributes) ?? h('p', { class: 'muted' }, 'none'),
        (entity.aliases ?? []).length ? [h('h3', {}, 'Aliases'), h('ul', {}, entity.aliases.map((a) => h('li', {},
          typeof a === 'string' ? a : [a.key ?? a.alias ?? JSON.stringify(a), a.reason ? ' — ' + a.reason : null, ' ', citations(a.citations)])))] : null,
        h('h2', {}, 'History'),
        h('ol', { class: 'events', id: 'history' }, history.events.map((e) => h('li', { class: 'event' },
          h('div', { class: 'meta' }, '#', e.seq, ' ', when(e.occurredAt), ' ', h('code', {}, e.type)),
          citation({ eventId: e.id }, e.title || e.type), ' ', toolLink(e.url, '↗')))),
        h('nav', { class: 'paging', 'aria-label': 'History pages' },
          after ? h('a', { href: href('entity/' + encodeURIComponent(id), { depth }) }, '⇤ From the start') : null,
          history.hasMore ? h('a', { href: href('entity/' + encodeURIComponent(id), { depth, after: history.nextAfter }) }, 'Later events →') : null))));
}

function name(related, id) {
  const e = related.entities?.[id];
  return go('/entity/' + encodeURIComponent(id), e?.name ?? e?.key ?? id, { class: 'entity' });
}
