import { get, post, signedInKey } from '../api.js';
import { href } from '../app.js';
import { citations, facts, h, show, toolLink, when } from '../dom.js';

const FOLLOW_MS = 1000;
const RECENT = 10;

/**
 * Intents an agent proposed that wait for a person, each with its plan and cited reasons, approved
 * from here (GET /v1/intents?status=awaiting_approval, POST /v1/intents/{id}/approve); then recent
 * executions with every call attempt (GET /v1/intents?status=…, GET /v1/intents/{id}). The API has
 * no rejection: an intent nobody approves simply never runs.
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
  const intro = [
    h('h1', {}, 'Approvals'),
    h('p', { class: 'muted' }, 'Intents an agent proposed that wait for a person. Approving lets them execute, exactly once;',
      ' an intent nobody approves never runs. Another key than the proposer\'s approves (or an admin key).'),
    form,
  ];

  if (id) {
    const one = await get('/v1/intents/' + encodeURIComponent(id));
    if (!current()) return;
    show(intro, h('ul', { class: 'intents', id: 'intents' }, card(one, current)));
    return;
  }

  const [waiting, recent] = await Promise.all([
    get('/v1/intents', { status: 'awaiting_approval', limit: 50 }),
    get('/v1/intents', { status: 'approved,executing,succeeded,failed', limit: RECENT }),
  ]);
  // The list has no attempts: each recent execution's come from its own status.
  const executions = await Promise.all(recent.intents.map((i) => get('/v1/intents/' + encodeURIComponent(i.id))));
  if (!current()) return;
  show(intro,
    h('section', { 'aria-labelledby': 'h-waiting' },
      h('h2', { id: 'h-waiting' }, 'Waiting for approval'),
      waiting.intents.length
        ? h('ul', { class: 'intents', id: 'intents' }, waiting.intents.map((i) => card({ intent: i }, current)))
        : h('p', { id: 'no-intents' }, 'Nothing waits for approval.'),
      waiting.nextCursor ? h('p', { class: 'muted' }, 'More wait than shown here: the oldest are not listed.') : null),
    h('section', { 'aria-labelledby': 'h-executions' },
      h('h2', { id: 'h-executions' }, 'Recent executions'),
      executions.length
        ? h('ul', { class: 'intents', id: 'executions' }, executions.map((s) => card(s, current)))
        : h('p', { id: 'no-executions' }, 'Nothing has run yet.')));
}

/** 'AWAITING_APPROVAL' → 'awaiting approval'. */
function stateText(state) {
  return String(state ?? '').toLowerCase().replace(/_/g, ' ');
}

/**
 * One intent, from a list row ({intent}) or from GET /v1/intents/{id} ({intent, approvals, attempts}).
 * Both show the same thing: the list row names the plan's parts (summary, calls, reasons, policy),
 * the status nests them in plan.
 */
function card(shown, current) {
  const intent = shown.intent;
  const plan = intent.plan ?? {};
  const calls = intent.calls ?? plan.calls ?? [];
  const reasons = intent.reasons ?? plan.resolution ?? [];
  const policy = intent.policy ?? plan.policy;
  const summary = intent.summary ?? calls.map((c) => c.why).join('; ');

  const status = h('p', { class: 'status state-' + stateText(intent.state).replace(/ /g, '-'), role: 'status' }, stateText(intent.state));
  const record = h('div', { class: 'record' }, history(shown));
  const li = h('li', { class: 'card intent', id: 'intent-' + intent.id, 'data-state': intent.state },
    h('h3', {}, String(intent.kind ?? '').toLowerCase().replace(/_/g, ' '), ': ', summary || intent.id),
    h('p', { class: 'meta' }, h('code', {}, intent.id), ' · proposed ', when(intent.proposedAt),
      intent.proposedBy ? [' by key ', h('code', {}, intent.proposedBy)] : null),
    status,
    intent.message ? h('p', { class: 'error' }, intent.message) : null,
    facts(intent.args),
    calls.length ? [h('h4', {}, 'Plan'), h('ol', { class: 'plan' }, calls.map(call))] : null,
    reasons.length ? [h('h4', {}, 'Reasons'), h('ul', { class: 'reasons' }, reasons.map((r) =>
      h('li', {}, r.says, ' ', citations(r.citations))))] : null,
    policy ? h('p', { class: 'muted policy' }, policy.approvalRequired ? 'Waits for an approval: ' : 'Needs no approval: ',
      policy.because, ' ', citations(policy.citations)) : null,
    record);
  if (intent.state === 'AWAITING_APPROVAL') li.append(approveControl(intent, status, record, li, current));
  return li;
}

function call(c) {
  const op = String(c.call?.operation ?? '').toLowerCase().replace(/_/g, ' ');
  return h('li', {}, h('span', { class: 'kind' }, op), ' ', c.why, ' ',
    h('span', { class: 'muted' }, 'on connection ', h('code', {}, c.call?.connectionId ?? '')),
    facts(c.call?.arguments));
}

/** Approvals and attempts as GET /v1/intents/{id} has them; nothing for a list row. */
function history(shown) {
  const parts = [];
  if ((shown.approvals ?? []).length) {
    parts.push(h('p', { class: 'approvals' }, 'Approved by ', shown.approvals.map((a, i) =>
      [i ? ', ' : '', 'key ', h('code', {}, a.approver), ' ', when(a.at)])));
  }
  if (shown.attempts) {
    parts.push(h('h4', {}, 'Attempts'), shown.attempts.length
      ? h('ol', { class: 'attempts' }, shown.attempts.map((a) => h('li', { 'data-outcome': a.outcome ?? 'in_flight' },
        `call ${a.callIndex + 1}, attempt ${a.attempt}: `,
        h('span', { class: 'status' }, a.outcome ?? 'in flight'),
        a.status ? [' · HTTP ', String(a.status)] : null,
        a.message ? [' · ', a.message] : null,
        ' · ', when(a.startedAt), ' ', toolLink(a.url, 'the result in the tool ↗'))))
      : h('p', { class: 'muted' }, 'No call attempted yet.'));
  }
  return parts;
}

/** The Approve button; after approving, the card follows the intent until it has run. */
function approveControl(intent, status, record, li, current) {
  const me = signedInKey();
  if (me?.keyId && me.keyId === intent.proposedBy && !me.scopes.includes('admin')) {
    return h('p', { class: 'muted own' }, 'You proposed this with the key you are signed in with: another key approves it.');
  }
  if (me && !me.scopes.includes('approve')) {
    return h('p', { class: 'muted' }, 'The key you are signed in with may not approve (it lacks the approve scope).');
  }
  const approve = h('button', { type: 'button', class: 'approve', 'data-intent': intent.id }, 'Approve');
  approve.addEventListener('click', async () => {
    approve.disabled = true;
    try {
      const done = await post('/v1/intents/' + encodeURIComponent(intent.id) + '/approve', {});
      approve.remove();
      follow(done, status, record, li, current);
    } catch (err) {
      status.textContent = err.message;
      approve.disabled = false;
    }
  });
  return approve;
}

/** Shows an intent's state and attempts as it runs, until it has finished or the page is left. */
async function follow(shown, status, record, li, current) {
  for (;;) {
    const state = shown.intent.state;
    status.textContent = stateText(state);
    status.className = 'status state-' + stateText(state).replace(/ /g, '-');
    li.dataset.state = state;
    record.replaceChildren(...history(shown));
    if (state === 'SUCCEEDED' || state === 'FAILED' || !current()) return;
    await new Promise((resolve) => setTimeout(resolve, FOLLOW_MS));
    if (!current()) return;
    try {
      shown = await get('/v1/intents/' + encodeURIComponent(shown.intent.id));
    } catch (err) {
      status.textContent = err.message;
      return;
    }
  }
}
