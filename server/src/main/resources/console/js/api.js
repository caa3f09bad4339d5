// The REST API an agent calls, on the console's session. The API key is sent once, to
// POST /console/session, and kept nowhere in the browser: the server answers with an HttpOnly,
// SameSite=Strict cookie (no script can read it) and the session's CSRF token, which lives in this
// module's memory only and goes in a header on every change (the cookie alone authorizes no change).

const CSRF_HEADER = 'X-CSRF-Token';
let session = null;

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

/** The session the cookie names (asked of the server once per page load), or null. */
export async function resume() {
  if (session) return session;
  const response = await fetch('/console/session', { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
  const body = response.ok ? await response.json() : null;
  session = body?.signedIn ? body : null;
  return session;
}

export function signedIn() {
  return session !== null;
}

/** The signed-in key's id and scopes (what it may do), or null; never the key itself. */
export function signedInKey() {
  return session ? { keyId: session.keyId ?? null, scopes: session.scopes ?? [] } : null;
}

export async function signOut() {
  const token = session?.csrfToken;
  session = null;
  if (token) {
    await fetch('/console/session', { method: 'DELETE', credentials: 'same-origin', headers: { [CSRF_HEADER]: token } }).catch(() => null);
  }
}

/** Exchanges the key for a session; the key is not kept. */
export async function signIn(key) {
  const response = await fetch('/console/session', {
    method: 'POST',
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ apiKey: key.trim() }),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  session = body;
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
  const response = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) throw await failed(response);
  return response.text();
}

async function call(path, init = {}) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const method = (init.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') headers[CSRF_HEADER] = session?.csrfToken ?? '';
  const response = await fetch(path, { ...init, headers, credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) throw await failed(response);
  return response.status === 204 ? null : response.json().catch(() => null);
}

async function failed(response) {
  const body = await response.json().catch(() => null);
  if (response.status === 401) {
    session = null;
    location.hash = '#/signin';
  }
  return new ApiError(response.status, body);
}
