// The REST API an agent calls, with the key the person signed in with. The key lives in this tab's
// sessionStorage only: never in the URL, never in localStorage, gone when the tab closes.

const KEY = 'lightfast.apiKey';

export class ApiError extends Error {
  constructor(status, body) {
    const e = body?.error ?? {};
    super(e.message ?? `the server answered ${status}`);
    this.status = status;
    this.code = e.code;
    this.field = e.field;
    this.line = e.line;
    this.column = e.column;
  }
}

export function signedIn() {
  return sessionStorage.getItem(KEY) !== null;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** Checks the key against the API before keeping it. */
export async function signIn(key) {
  await call('/v1/projections', {}, key.trim());
  sessionStorage.setItem(KEY, key.trim());
}

export function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') query.set(k, v);
  const qs = query.toString();
  return call(qs ? `${path}?${qs}` : path);
}

export function post(path, body) {
  return call(path, { method: 'POST', body: JSON.stringify(body ?? {}) });
}

/** A body that is not JSON (a raw delivery as the tool sent it), as text. */
export async function getText(path) {
  const response = await fetch(path, {
    headers: { Authorization: `Bearer ${sessionStorage.getItem(KEY)}` },
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  return response.text();
}

async function call(path, init = {}, key = sessionStorage.getItem(KEY)) {
  const response = await fetch(path, {
    ...init,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    credentials: 'omit',
    cache: 'no-store',
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401 && key === sessionStorage.getItem(KEY)) {
      signOut();
      location.hash = '#/signin';
    }
    throw new ApiError(response.status, body);
  }
  return body;
}
