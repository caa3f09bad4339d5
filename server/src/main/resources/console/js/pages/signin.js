import { signIn } from '../api.js';
import { h, show } from '../dom.js';

export function signInPage() {
  const key = h('input', { id: 'api-key', name: 'apiKey', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
  const error = h('p', { class: 'error', role: 'alert', id: 'sign-in-error', hidden: true });
  const form = h('form', { class: 'card narrow', id: 'sign-in' },
    h('h1', {}, 'Sign in'),
    h('p', {}, 'With an API key of your team (POST /v1/admin/tenants gives one; ./lightfast demo prints one). '
      + 'It is sent once, to this server alone, for a session cookie no script can read; the key itself is kept nowhere.'),
    h('label', { for: 'api-key' }, 'API key'),
    key,
    error,
    h('button', { type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    try {
      await signIn(key.value);
      location.hash = '#/timeline';
    } catch (err) {
      error.textContent = err.status === 401 ? 'That key is not valid here.' : err.message;
      error.hidden = false;
      key.setAttribute('aria-invalid', 'true');
      key.focus();
    }
  });
  show(form);
  key.focus();
}
