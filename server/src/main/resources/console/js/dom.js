// Building the page from data without innerHTML: every value from the API becomes text, never markup.

/** An element: h('a', {href: '#/x', class: 'c'}, 'text', child, [more]). Null and false children are skipped. */
export function h(tag, attrs = {}, ...children) {
  const el = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces what the main area shows, and moves keyboard focus to the new page's heading. */
export function show(...children) {
  const main = document.getElementById('main');
  main.replaceChildren(...children.flat().filter(Boolean));
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: false });
  }
}

export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

/** A link inside the console. */
export function go(path, text, attrs = {}) {
  return h('a', { href: '#' + path, ...attrs }, text);
}

/** A link to the tool itself (GitHub, Sentry ...): opened apart, telling it nothing about the console. */
export function toolLink(url, text = 'open in the tool') {
  if (!url || !/^https?:\/\//.test(url)) return null;
  return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'tool' }, text);
}

/** A citation: the event in the console, and the tool's own page for it. */
export function citation(c, label) {
  const id = typeof c === 'string' ? c : c.eventId;
  return h('span', { class: 'cite' },
    go('/event/' + encodeURIComponent(id), label ?? (c.type ? `${c.type} #${c.seq}` : id), { class: 'citation' }),
    typeof c === 'object' ? toolLink(c.url, '↗') : null);
}

export function citations(list) {
  if (!list || list.length === 0) return null;
  return h('span', { class: 'cites' }, 'cites ', list.map((c, i) => [i ? ' ' : '', citation(c, `[${i + 1}]`)]));
}

export function entityLink(e) {
  if (!e) return null;
  return go('/entity/' + encodeURIComponent(e.id), e.label ?? e.name ?? e.id, { class: 'entity kind-' + e.kind });
}

export function kind(k) {
  return h('span', { class: 'kind' }, String(k ?? '').replace(/_/g, ' '));
}

export function problem(err) {
  return h('p', { class: 'error', role: 'alert' }, err.message ?? String(err));
}

export function loading() {
  return h('p', { class: 'muted' }, 'Loading…');
}

/** A definition list of an object's simple values (attributes of an event or an entity). */
export function facts(obj) {
  const entries = Object.entries(obj ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (entries.length === 0) return null;
  return h('dl', { class: 'facts' },
    entries.map(([k, v]) => [h('dt', {}, k), h('dd', {}, typeof v === 'object' ? JSON.stringify(v) : String(v))]));
}
