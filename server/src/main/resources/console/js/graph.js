// The neighbourhood of an entity drawn as SVG: the entity in the middle, what is one hop away on a
// ring around it, two hops on an outer ring. Each node is a link (reachable with Tab) to its page.
import { h } from './dom.js';

const SIZE = 640;
const MID = SIZE / 2;

export function neighbourhood(related) {
  const centre = related.entity;
  const entities = related.entities ?? {};
  const edges = (related.relations ?? []).map((r) => ({ ...r.relation, depth: r.depth }));
  const depthOf = new Map([[centre.id, 0]]);
  for (const e of [...edges].sort((a, b) => a.depth - b.depth)) {
    for (const id of [e.from, e.to]) if (!depthOf.has(id)) depthOf.set(id, e.depth);
  }
  const rings = [[], [], []];
  for (const [id, d] of depthOf) if (d > 0) rings[Math.min(d, 2)].push(id);
  const at = new Map([[centre.id, [MID, MID]]]);
  rings.forEach((ids, d) => {
    const radius = d === 1 ? 150 : 270;
    ids.sort((a, b) => label(entities[a]).localeCompare(label(entities[b])));
    ids.forEach((id, i) => {
      const angle = (2 * Math.PI * i) / ids.length + (d === 2 ? Math.PI / ids.length : 0) - Math.PI / 2;
      at.set(id, [MID + radius * Math.cos(angle), MID + radius * Math.sin(angle)]);
    });
  });

  const lines = edges.filter((e) => at.has(e.from) && at.has(e.to)).map((e) => {
    const [x1, y1] = at.get(e.from);
    const [x2, y2] = at.get(e.to);
    return h('svg:g', { class: 'edge' },
      h('svg:line', { x1, y1, x2, y2 }),
      h('svg:text', { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 3, 'text-anchor': 'middle' }, e.type));
  });
  const nodes = [...at].map(([id, [x, y]]) => {
    const e = entities[id] ?? (id === centre.id ? centre : { id, kind: '?', name: id });
    return h('svg:a', { href: '#/entity/' + encodeURIComponent(id), class: 'node kind-' + e.kind + (id === centre.id ? ' centre' : '') },
      h('svg:title', {}, `${e.kind}: ${label(e)}`),
      h('svg:circle', { cx: x, cy: y, r: id === centre.id ? 14 : 9 }),
      h('svg:text', { x, y: y + (id === centre.id ? 30 : 22), 'text-anchor': 'middle' }, short(label(e))));
  });
  return h('svg:svg', {
    viewBox: `0 0 ${SIZE} ${SIZE}`, class: 'graph', id: 'graph', role: 'group',
    'aria-label': `${label(centre)} and ${at.size - 1} entities around it`,
  }, h('svg:g', {}, lines), h('svg:g', {}, nodes));
}

function label(e) {
  return e?.name ?? e?.label ?? e?.key ?? e?.id ?? '';
}

function short(text) {
  return text.length > 26 ? text.slice(0, 25) + '…' : text;
}
