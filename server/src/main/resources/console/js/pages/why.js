import { get } from '../api.js';
import { citations, entityLink, h, show } from '../dom.js';

/** The causal chain backwards from an event or an entity: ordered steps, each cited and marked asserted or inferred. */
export async function whyPage({ id }, current) {
  const why = await get('/v1/why/' + encodeURIComponent(id));
  if (!current()) return;
  const step = (s) => h('li', { class: 'step basis-' + s.basis },
    h('p', {}, entityLink(s.effect), ' ← ', h('span', { class: 'relation' }, s.relation), ' ← ', entityLink(s.cause), ' ',
      h('span', { class: 'basis' }, s.basis), s.confidence !== undefined && s.confidence < 1 ? ` (${Math.round(s.confidence * 100)}%)` : null),
    h('p', { class: 'rationale' }, s.rationale),
    (s.evidence ?? []).length ? h('ul', { class: 'evidence' }, s.evidence.map((e) => h('li', {},
      h('span', { class: 'basis' }, e.basis), ' ', e.says, ' ', citations(e.citations)))) : null);
  show(
    h('h1', {}, 'Why ', why.start ? why.start.label : id),
    (why.summary ?? []).map((s) => h('p', { class: 'summary' }, s.text, ' ', citations(s.citations))),
    (why.steps ?? []).length
      ? h('ol', { class: 'chain', id: 'why-steps' }, why.steps.map(step))
      : h('p', {}, 'No cause is known for this yet.'),
    (why.others ?? []).length ? [h('h2', {}, 'Other causes considered'), h('ol', { class: 'chain' }, why.others.map(step))] : null);
}
