import { get, post } from '../api.js';
import { href } from '../app.js';
import { citations, facts, h, show, when } from '../dom.js';

/**
 * Intents waiting for a person, each with its plan and reasons, approved from here. The list is
 * GET /v1/intents?status=awaiting_approval; an intent can also be opened by its id
 * (GET /v1/intents/{id}), which is all a server without the list offers.
 */
export async function approvalsPage({ params }, current) {
  const id = params.get('id') ?? '';
  const input = h('input', { id: 'intent-id', name: 'id', value: id, placeholder: 'int_…', spellcheck: 'false' });
  const form = h('form', { class: 'ask', id: 'intent-form' },
    h('label', { for: 'intent-id' }, 'Open an intent'), input, h('button', { type: 'submit' }, 'Open'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = href('approvals', { id: input.value.trim() });
  });

  let intents;
  let note = null;
  if (id) {
    intents = [await get('/v1/intents/' + encodeURIComponent(id))];
  } else {
    try {
      intents = (await get('/v1/intents', { status: 'awaiting_approval', limit: 50 })).intents ?? [];
    } catch (err) {
      if (err.status !== 404 && err.status !== 405) throw err;
      intents = [];
      note = h('p', { id: 'no-intents-list' }, 'This server does not list intents (GET /v1/intents); open one by its id.');
    }
  }
  if (!current()) return;
  show(
    h('h1', {}, 'Approvals'),
    h('p', { class: 'muted' }, 'Intents an agent proposed that wait for a person. Approving lets them execute, exactly once.'),
    form,
    note,
    intents.length
      ? h('ul', { class: 'intents', id: 'intents' }, intents.map(card))
      : note ? null : h('p', { id: 'intents' }, 'Nothing waits for approval.'));
}

/** One intent, as GET /v1/intents/{id} shows it ({intent, approvals, attempts}) or as a list row. */
function card(shown) {
  const intent = shown.intent ?? shown;
  const state = () => intent.state ?? intent.status ?? '';
  const status = h('p', { class: 'status', role: 'status' }, state());
  const approve = h('button', { type: 'button', class: 'approve', 'data-intent': intent.id }, 'Approve');
  approve.addEventListener('click', async () => {
    approve.disabled = true;
    try {
      const done = await post('/v1/intents/' + encodeURIComponent(intent.id) + '/approve', {});
      status.textContent = (done?.intent ?? done)?.state ?? (done?.intent ?? done)?.status ?? 'approved';
      approve.remove();
    } catch (err) {
      status.textContent = err.message;
      approve.disabled = false;
    }
  });
  const plan = intent.plan?.steps ?? intent.plan?.calls ?? intent.plan?.actions ?? [];
  const waiting = /await|pending|approval/i.test(state());
  return h('li', { class: 'card intent', id: 'intent-' + intent.id },
    h('h2', {}, [intent.kind ?? intent.goal ?? intent.type ?? intent.id].flat().join(' ')),
    h('p', { class: 'meta' }, h('code', {}, intent.id), intent.proposedAt ? [' · proposed ', when(intent.proposedAt)] : null,
      intent.proposedBy ? [' by ', String(intent.proposedBy)] : null),
    status,
    facts(intent.args),
    plan.length ? [h('h3', {}, 'Plan'), h('ol', {}, plan.map((s) => h('li', {},
      s.description ?? s.summary ?? [s.tool, s.operation ?? s.type].filter(Boolean).join(' '), ' ', facts(s.arguments ?? s.args ?? s.input))))]
      : intent.plan ? [h('h3', {}, 'Plan'), facts(intent.plan)] : null,
    (intent.reasons ?? intent.plan?.reasons ?? []).length ? [h('h3', {}, 'Reasons'), h('ul', {}, (intent.reasons ?? intent.plan.reasons).map((r) =>
      h('li', {}, r.text ?? r.says ?? String(r), ' ', citations(r.citations))))] : null,
    (shown.approvals ?? []).length ? h('p', { class: 'muted' }, `${shown.approvals.length} approval(s) so far`) : null,
    waiting ? approve : null);
}
