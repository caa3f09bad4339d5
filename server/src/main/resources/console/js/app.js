// The console's router: the part after '#' names the page and its parameters, so every view has an
// address that can be bookmarked, shared and reached with the back button, and the server only ever
// serves this one page.
import { resume, signedIn, signOut } from './api.js';
import { problem, show } from './dom.js';
import { signInPage } from './pages/signin.js';
import { timelinePage } from './pages/timeline.js';
import { eventPage } from './pages/event.js';
import { searchPage } from './pages/search.js';
import { askPage } from './pages/ask.js';
import { entityPage } from './pages/entity.js';
import { whyPage } from './pages/why.js';
import { rulesPage } from './pages/rules.js';
import { approvalsPage } from './pages/approvals.js';
import { connectionsPage } from './pages/connections.js';

const pages = {
  timeline: timelinePage,
  event: eventPage,
  search: searchPage,
  ask: askPage,
  entity: entityPage,
  why: whyPage,
  rules: rulesPage,
  approvals: approvalsPage,
  connections: connectionsPage,
};

/** '#/entity/ent_1?depth=2' → {page: 'entity', id: 'ent_1', params: URLSearchParams}. */
export function parse(hash) {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [page, ...rest] = path.split('/');
  return { page: page || 'timeline', id: rest.length ? decodeURIComponent(rest.join('/')) : null, params: new URLSearchParams(query) };
}

/** The address of a page with its parameters (empty ones left out). */
export function href(page, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') query.set(k, v);
  const qs = query.toString();
  return '#/' + page + (qs ? '?' + qs : '');
}

let rendering = 0;
let leaving = [];

/** Runs when the person leaves the current page (a live stream closes). */
export function onLeave(fn) {
  leaving.push(fn);
}

async function route() {
  for (const fn of leaving.splice(0)) fn();
  const nav = document.getElementById('nav');
  const where = parse(location.hash);
  await resume();
  if (!signedIn() && where.page !== 'signin') {
    location.replace('#/signin');
    return;
  }
  nav.hidden = !signedIn();
  for (const a of nav.querySelectorAll('a')) {
    a.toggleAttribute('aria-current', a.getAttribute('href') === '#/' + where.page);
    if (a.hasAttribute('aria-current')) a.setAttribute('aria-current', 'page');
  }
  if (where.page === 'signin') {
    signInPage();
    return;
  }
  const page = pages[where.page];
  if (!page) {
    show(problem(new Error(`There is no page '${where.page}'.`)));
    return;
  }
  const mine = ++rendering;
  document.body.setAttribute('aria-busy', 'true');
  try {
    await page(where, () => mine === rendering);
  } catch (err) {
    if (mine === rendering) show(problem(err));
  } finally {
    if (mine === rendering) document.body.removeAttribute('aria-busy');
  }
}

document.getElementById('sign-out').addEventListener('click', async () => {
  await signOut();
  location.hash = '#/signin';
});
window.addEventListener('hashchange', route);
route();
