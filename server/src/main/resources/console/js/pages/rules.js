import { get, post } from '../api.js';
import { href } from '../app.js';
import { citation, h, show, when } from '../dom.js';

const FIELDS = [
  { name: 'name', label: 'Name', path: 'name' },
  { name: 'onType', label: 'When an event of type', path: 'on.type', placeholder: 'github.pull_request.merged' },
  { name: 'onIf', label: 'and (CEL, optional)', path: 'on.if', placeholder: "event.attributes.base_branch == 'main'" },
  { name: 'require', label: 'it must hold that (CEL)', path: 'require', area: true, placeholder: 'event.attributes.additions < 300' },
];

/** The team's rules with what they found; a rule editor that shows compile errors in place and tries a rule on the history. */
export async function rulesPage({ params }, current) {
  const ruleFilter = params.get('rule') ?? '';
  const [rules, violations] = await Promise.all([
    get('/v1/rules'),
    get('/v1/violations', { status: 'open', limit: 20, rule: ruleFilter }),
  ]);
  if (!current()) return;

  const inputs = {};
  const errors = {};
  const editor = h('form', { class: 'card', id: 'rule-editor', novalidate: true },
    h('h2', {}, 'Write a rule'),
    FIELDS.map((f) => {
      errors[f.path] = h('p', { class: 'field-error', id: 'err-' + f.name, role: 'alert', hidden: true });
      inputs[f.path] = h(f.area ? 'textarea' : 'input', { id: 'rule-' + f.name, name: f.name, placeholder: f.placeholder ?? '', rows: f.area ? 3 : null, spellcheck: 'false', 'aria-describedby': 'err-' + f.name });
      return h('div', { class: 'field' }, h('label', { for: 'rule-' + f.name }, f.label), inputs[f.path], errors[f.path]);
    }),
    h('div', { class: 'field' }, h('label', { for: 'rule-severity' }, 'Severity'),
      h('select', { id: 'rule-severity', name: 'severity' }, ['low', 'medium', 'high', 'critical'].map((s) => h('option', { value: s, selected: s === 'medium' }, s)))),
    h('p', { class: 'error', id: 'rule-error', role: 'alert', hidden: true }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', name: 'dryRun', id: 'dry-run' }, 'Try on the history'), ' ',
      h('button', { type: 'button', id: 'save-rule' }, 'Save rule')),
    h('div', { id: 'dry-run-result', 'aria-live': 'polite' }));
  const formError = editor.querySelector('#rule-error');
  const result = editor.querySelector('#dry-run-result');

  const spec = () => {
    const v = (p) => inputs[p].value.trim();
    const rule = { name: v('name') || 'untitled rule', severity: editor.querySelector('#rule-severity').value, on: { type: v('on.type') }, require: v('require') };
    if (v('on.if')) rule.on.if = v('on.if');
    return rule;
  };
  const clear = () => {
    formError.hidden = true;
    for (const [p, el] of Object.entries(errors)) {
      el.hidden = true;
      inputs[p].removeAttribute('aria-invalid');
    }
  };
  const fail = (err) => {
    const where = errors[err.field];
    if (where) {
      where.textContent = err.message + (err.line ? ` (line ${err.line}, column ${err.column})` : '');
      where.hidden = false;
      inputs[err.field].setAttribute('aria-invalid', 'true');
      inputs[err.field].focus();
    } else {
      formError.textContent = err.message;
      formError.hidden = false;
    }
  };
  editor.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear();
    result.replaceChildren(h('p', { class: 'muted' }, 'Trying the rule on the history…'));
    try {
      const run = (await post('/v1/rules/dry-run', { rule: spec() })).result;
      result.replaceChildren(
        h('p', { id: 'dry-run-summary' }, `Read ${run.eventsRead} events in ${run.tookMs} ms: ${run.violations} violations (${run.open} open, ${run.resolved} resolved), ${run.errors} errors.`),
        violationList(run.first ?? [], 'dry-run-violations'));
    } catch (err) {
      result.replaceChildren();
      fail(err);
    }
  });
  editor.querySelector('#save-rule').addEventListener('click', async () => {
    clear();
    try {
      const created = await post('/v1/rules', spec());
      location.hash = href('rules', { rule: created.id, saved: created.id });
    } catch (err) {
      fail(err);
    }
  });

  show(
    h('h1', {}, 'Rules'),
    params.get('saved') ? h('p', { class: 'notice', role: 'status', id: 'rule-saved' }, 'Saved. It judges every event from now on; its violations appear below.') : null,
    h('table', { class: 'rules', id: 'rules' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Rule'), h('th', { scope: 'col' }, 'Severity'), h('th', { scope: 'col' }, 'Open'), h('th', { scope: 'col' }, 'Resolved'), h('th', { scope: 'col' }, 'Errors'))),
      h('tbody', {}, rules.rules.map((r) => h('tr', { 'aria-current': r.id === ruleFilter ? 'true' : null },
        h('td', {}, h('a', { href: href('rules', { rule: r.id }) }, r.rule.name), r.status !== 'active' ? ` (${r.status})` : null),
        h('td', {}, r.rule.severity), h('td', {}, r.stats.open), h('td', {}, r.stats.resolved), h('td', {}, r.stats.errors))))),
    h('h2', {}, ruleFilter ? 'Open violations of this rule' : 'Open violations', ruleFilter ? [' · ', h('a', { href: '#/rules' }, 'all rules')] : null),
    violations.violations.length ? violationList(violations.violations, 'violations') : h('p', { class: 'muted', id: 'violations' }, 'None open.'),
    editor);
}

function violationList(list, id) {
  return h('ol', { class: 'violations', id }, list.map((v) => h('li', { class: 'violation sev-' + v.rule.severity },
    h('p', {}, h('strong', {}, v.rule.name), ' · ', v.status, ' since ', when(v.openedAt)),
    h('p', { class: 'reason' }, v.reason),
    h('p', {}, 'Trigger: ', citation(v.trigger, v.trigger.type + ' #' + v.trigger.seq)),
    (v.evidence ?? []).length ? h('details', {}, h('summary', {}, `Evidence (${v.evidence.length})`),
      h('ul', {}, v.evidence.map((e) => h('li', {}, e.note ?? '', ' ', e.citation ? citation(e.citation) : null)))) : null)));
}
