import { post } from '../api.js';
import { href } from '../app.js';
import { citation, citations, entityLink, h, kind, show, when } from '../dom.js';

/** A question in the team's words: the answer, the path through the graph that led there, the evidence. */
export async function askPage({ params }, current) {
  const q = params.get('q') ?? '';
  const input = h('input', { id: 'question', name: 'q', value: q, placeholder: 'Who reviewed the PR that fixed payments-api#301?', required: true });
  const form = h('form', { class: 'ask', id: 'ask-form' },
    h('label', { for: 'question' }, 'Ask'), input, h('button', { type: 'submit' }, 'Ask'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = href('ask', { q: input.value });
  });
  if (!q) {
    show(h('h1', {}, 'Ask'), form);
    return;
  }
  const a = await post('/v1/answer', { question: q });
  if (!current()) return;
  show(h('h1', {}, 'Ask'), form,
    h('section', { id: 'answer', 'aria-label': 'Answer' },
      h('h2', {}, 'Answer'),
      (a.summary ?? []).map((s) => h('p', { class: 'sentence' }, s.text, ' ', citations(s.citations))),
      (a.answer ?? []).length ? h('ul', { class: 'values' }, a.answer.map((v) => h('li', {},
        v.id ? entityLink(v) : (v.label ?? v.value ?? v.at ?? ''), v.kind ? [' ', kind(v.kind)] : null,
        v.title ? ' — ' + v.title : null, v.at ? [' · ', when(v.at)] : null, ' ', citations(v.citations)))) : null,
      a.summaryBy ? h('p', { class: 'muted' }, 'Summary: ', a.summaryBy) : null),
    (a.path ?? []).length ? h('section', { id: 'path', 'aria-label': 'Path' },
      h('h2', {}, 'Path through the graph'),
      h('ol', {}, a.path.map((p) => h('li', {},
        entityLink(p.from), ' ', h('span', { class: 'relation' }, p.relation), ' ', entityLink(p.to),
        p.basis ? [' ', h('span', { class: 'basis' }, p.basis)] : null, ' ', citations(p.citations))))) : null,
    (a.evidence ?? []).length ? h('section', { id: 'evidence', 'aria-label': 'Evidence' },
      h('h2', {}, 'Evidence'),
      h('ol', {}, a.evidence.map((e) => h('li', {},
        citation(e.citation ?? e, e.title), h('div', { class: 'meta' }, h('code', {}, e.type), ' · ', when(e.occurredAt), e.why ? ' · ' + e.why : null))))) : null,
    (a.entities ?? []).length ? h('section', { 'aria-label': 'Entities' },
      h('h2', {}, 'Entities'),
      h('ul', {}, a.entities.map((e) => h('li', {}, entityLink(e), ' ', kind(e.kind), e.role ? ' — ' + e.role : null)))) : null);
}
