import { get, post } from '../api.js';
import { citations, facts, h, show, when } from '../dom.js';

/** Intents waiting for a person: each with its plan and the cited reasons, approved from here. */
export async function approvalsPage(_, current) {
  let list;
  try {
    list = await get('/v1/intents', { status: 'awaiting_approval', limit: 50 });
  } catch (err) {
    if (err.status !== 404) throw err;
    if (!current()) return;
    show(h('h1', {}, 'Approvals'), h('p', { id: 'no-intents-api' }, 'This server does not take intents yet (GET /v1/intents is not served).'));
    return;
  }
  if (!current()) return;
  const intents = list.intents ?? [];
  show(
    h('h1', {}, 'Approvals'),
    h('p', { class: 'muted' }, 'Intents an agent proposed that wait for a person. Approving lets them execute, exactly once.'),
    intents.length
      ? h('ul', { class: 'intents', id: 'intents' }, intents.map(card))
      : h('p', { id: 'intents' }, 'Nothing waits for approval.'));
}

function card(intent) {
  const status = h('p', { class: 'status', role: 'status' }, intent.status);
  const approve = h('button', { type: 'button', class: 'approve', 'data-intent': intent.id }, 'Approve');
  approve.addEventListener('click', async () => {
    approve.disabled = true;
    try {
      const done = await post('/v1/intents/' + encodeURIComponent(intent.id) + '/approve', {});
      status.textContent = done?.status ?? 'approved';
      approve.remove();
    } catch (err) {
      status.textContent = err.message;
      approve.disabled = false;
    }
  });
  const plan = intent.plan?.steps ?? intent.plan?.actions ?? intent.steps ?? [];
  return h('li', { class: 'card intent', id: 'intent-' + intent.id },
    h('h2', {}, intent.goal ?? intent.title ?? intent.summary ?? intent.type ?? intent.id),
    h('p', { class: 'meta' }, h('code', {}, intent.id), intent.createdAt ? [' · ', when(intent.createdAt)] : null,
      intent.proposedBy ? [' · by ', String(intent.proposedBy.label ?? intent.proposedBy)] : null),
    status,
    plan.length ? [h('h3', {}, 'Plan'), h('ol', {}, plan.map((s) => h('li', {}, s.description ?? s.summary ?? [s.tool, s.operation ?? s.type].filter(Boolean).join(' '), ' ', facts(s.arguments ?? s.input))))] : null,
    (intent.reasons ?? []).length ? [h('h3', {}, 'Reasons'), h('ul', {}, intent.reasons.map((r) => h('li', {}, r.text ?? r.says ?? String(r), ' ', citations(r.citations))))] : null,
    citations(intent.citations),
    approve);
}
