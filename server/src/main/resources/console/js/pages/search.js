import { get } from '../api.js';
import { href } from '../app.js';
import { citations, entityLink, go, h, show, toolLink, when } from '../dom.js';

/** Hybrid search (words and meaning); every hit cites its events. */
export async function searchPage({ params }, current) {
  const q = params.get('q') ?? '';
  const mode = params.get('mode') ?? 'hybrid';
  const input = h('input', { id: 'q', name: 'q', type: 'search', value: q, placeholder: 'double payouts after a bank timeout', required: true });
  const modes = h('select', { id: 'mode', name: 'mode' },
    ['hybrid', 'keyword', 'vector'].map((m) => h('option', { value: m, selected: m === mode }, m)));
  const form = h('form', { role: 'search', class: 'ask', id: 'search-form' },
    h('label', { for: 'q' }, 'Search the log'), input,
    h('label', { for: 'mode', class: 'sr-only' }, 'Mode'), modes,
    h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = href('search', { q: input.value, mode: modes.value });
  });
  if (!q) {
    show(h('h1', {}, 'Search'), form);
    return;
  }
  const found = await get('/v1/search', { q, mode, limit: 20 });
  if (!current()) return;
  show(h('h1', {}, 'Search'), form,
    h('p', { class: 'muted' }, `${found.hits.length} hits (${found.mode}; index read through #${found.indexedSeq})`),
    h('ol', { class: 'hits', id: 'hits' }, found.hits.map((hit) => h('li', {},
      go('/event/' + encodeURIComponent(hit.eventId), hit.title, { class: 'title' }),
      h('div', { class: 'meta' }, h('code', {}, hit.type), ' · ', when(hit.occurredAt),
        hit.actor ? [' · by ', entityLink(hit.actor)] : null, ' ', toolLink(hit.url)),
      hit.snippet ? h('p', { class: 'snippet' }, hit.snippet) : null,
      citations(hit.citations)))));
}
