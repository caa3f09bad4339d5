import { get } from '../api.js';
import { href } from '../app.js';
import { citation, citations, facts, go, h, kind, problem, show, toolLink, when } from '../dom.js';
import { neighbourhood } from '../graph.js';

/**
 * An entity: what it is, its aliases, the graph one or two hops out, its history, its truth and
 * conflicts, and its why-chain; everything as of a point in the log the slider picks (asOf=seq).
 */
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
  const asOf = /^\d+$/.test(params.get('asOf') ?? '') ? params.get('asOf') : '';
  const path = '/v1/entities/' + encodeURIComponent(id);
  const [entity, related, history, first, log, truth, conflicts] = await Promise.all([
    get(path, { asOf }),
    get(path + '/related', { depth, asOf }),
    get(path + '/timeline', { limit: 20, after, asOf }),
    get(path + '/timeline', { limit: 1 }),
    get('/v1/projections'),
    get('/v1/truth/' + encodeURIComponent(id), { asOf }),
    get('/v1/conflicts', { entity: id, asOf, limit: 20 }),
  ]);
  if (!current()) return;
  const here = (more = {}) => href('entity/' + encodeURIComponent(id), { depth, asOf, ...more });

  show(
    h('h1', {}, entity.name ?? entity.key),
    h('p', { class: 'meta' }, kind(entity.kind), ' ', h('code', {}, entity.key),
      ' · seen ', when(entity.firstSeen), ' – ', when(entity.lastSeen)),
    h('p', { class: 'actions' }, go('/why/' + encodeURIComponent(entity.id), 'Why-chain', { class: 'button', id: 'entity-why' })),
    slider(first.events[0]?.seq ?? 1, log.lastSeq, asOf, here),
    h('section', { 'aria-labelledby': 'h-truth' },
      h('h2', { id: 'h-truth' }, 'Truth'),
      truth.truths.length ? h('ul', { class: 'truths', id: 'truths' }, truth.truths.map(truthItem))
        : h('p', { class: 'muted' }, 'No source has claimed anything about it.'),
      h('h3', { id: 'h-conflicts' }, 'Conflicts'),
      conflicts.conflicts.length ? h('ul', { class: 'conflicts', id: 'conflicts' }, conflicts.conflicts.map((c) => h('li', {},
        h('strong', {}, c.attribute), ' since ', when(c.since), c.closedSeq ? [' (closed at #', String(c.closedSeq), ')'] : ' (open)', ': ',
        (c.claims ?? []).map((cl, i) => [i ? '; ' : '', cl.source, ' says ', h('q', {}, cl.stated ?? cl.value), ' ', (cl.citation ? citation(cl.citation, '[' + (i + 1) + ']') : null)]))))
        : h('p', { class: 'muted', id: 'no-conflicts' }, 'The sources agree.')),
    h('div', { class: 'columns' },
      h('section', { 'aria-labelledby': 'h-graph' },
        h('h2', { id: 'h-graph' }, 'Neighbourhood'),
        h('p', {},
          depth === 1 ? 'One hop out · ' : h('a', { href: here({ depth: 1 }) }, 'One hop'), ' ',
          depth === 2 ? 'Two hops out' : h('a', { href: here({ depth: 2 }), id: 'two-hops' }, 'Two hops')),
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
          after ? h('a', { href: here() }, '⇤ From the start') : null,
          history.hasMore ? h('a', { href: here({ after: history.nextAfter }) }, 'Later events →') : null))));
}

/** Everything on the page as of a point in the log: from the entity's first event to the log's end. */
function slider(min, max, asOf, here) {
  const value = asOf || String(max);
  const input = h('input', { type: 'range', id: 'as-of', min, max: Math.max(min, max), step: 1, value, 'aria-describedby': 'as-of-value' });
  const label = h('output', { id: 'as-of-value', for: 'as-of' }, asOf ? `as of seq #${asOf}` : 'now');
  input.addEventListener('input', () => { label.textContent = input.value === String(max) ? 'now' : `as of seq #${input.value}`; });
  input.addEventListener('change', () => { location.hash = here({ asOf: input.value === String(max) ? '' : input.value, after: '' }); });
  return h('p', { class: 'as-of' }, h('label', { for: 'as-of' }, 'As of '), input, ' ', label,
    asOf ? [' · ', h('a', { href: here({ asOf: '' }), id: 'as-of-now' }, 'back to now')] : null);
}

function truthItem(t) {
  return h('li', { class: t.conflict ? 'truth conflict' : 'truth' },
    h('strong', {}, t.attribute), ': ', h('span', { class: 'value' }, t.value ?? '—'),
    t.winner ? [' (', t.winner.source, ')'] : null, t.conflict ? h('span', { class: 'flag' }, ' disputed') : null, ' ',
    citations(t.citations),
    h('p', { class: 'rationale' }, t.rationale ?? t.policy),
    (t.losers ?? []).length ? h('ul', { class: 'losers' }, t.losers.map((l) => h('li', {},
      l.claim.source, ' said ', h('q', {}, l.claim.stated ?? l.claim.value), ' — ', l.why))) : null);
}

function name(related, id) {
  const e = related.entities?.[id];
  return go('/entity/' + encodeURIComponent(id), e?.name ?? e?.key ?? id, { class: 'entity' });
}
