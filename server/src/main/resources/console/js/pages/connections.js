import { get } from '../api.js';
import { citation, go, h, show, when } from '../dom.js';

/**
 * Connected tools with the webhook URL to paste into each and the last event each tool delivered;
 * outbound subscriptions with their outbox and their latest delivery attempts.
 */
export async function connectionsPage(where, current) {
  const [connections, subscriptions] = await Promise.all([
    get('/v1/connections', { limit: 100 }),
    get('/v1/subscriptions', { limit: 100 }),
  ]);
  const providers = [...new Set(connections.connections.map((c) => c.provider))];
  const [lastByProvider, attempts] = await Promise.all([
    Promise.all(providers.map((p) => get('/v1/events', { source: p, order: 'newest', limit: 1 }))),
    Promise.all(subscriptions.subscriptions.map((s) => get('/v1/subscriptions/' + encodeURIComponent(s.id) + '/attempts', { limit: 5 }))),
  ]);
  if (!current()) return;
  const last = Object.fromEntries(providers.map((p, i) => [p, lastByProvider[i].events[0]]));

  const connection = (c) => {
    const e = last[c.provider];
    const url = h('input', { value: c.webhookUrl, readonly: true, class: 'webhook-url', id: 'url-' + c.id, 'aria-label': `Webhook URL for ${c.provider}` });
    return h('li', { class: 'connection', id: c.id },
      h('h3', {}, c.provider, ' ', h('code', {}, c.id)),
      h('label', { for: 'url-' + c.id }, 'Webhook URL to paste into ', c.provider),
      url,
      h('button', { type: 'button', class: 'copy', onclick: () => { url.select(); navigator.clipboard?.writeText(c.webhookUrl).catch(() => null); } }, 'Copy'),
      c.webhookUrlNote ? h('p', { class: 'muted' }, c.webhookUrlNote) : null,
      h('p', { class: 'last-delivery' }, 'Last delivery from ', c.provider, ': ',
        e ? [when(e.observedAt ?? e.occurredAt), ' · ', citation({ eventId: e.id, url: e.url }, e.title || e.type), ' · ',
          go('/event/' + encodeURIComponent(e.id), 'its raw delivery')] : 'none yet'),
      h('p', { class: 'muted' }, 'connected ', when(c.createdAt)));
  };

  const subscription = (s, i) => h('li', { class: 'subscription', id: s.id },
    h('h3', {}, h('code', {}, s.url), ' ', h('span', { class: 'status status-' + s.status }, s.status)),
    s.description ? h('p', {}, s.description) : null,
    s.outbox ? h('p', { class: 'muted' }, Object.entries(s.outbox).map(([k, v]) => `${k} ${v}`).join(' · ')) : null,
    s.disabledReason ? h('p', { class: 'error' }, 'disabled: ', s.disabledReason) : null,
    h('h4', {}, 'Latest attempts'),
    attempts[i].attempts.length
      ? h('ol', { class: 'attempts' }, attempts[i].attempts.map((a) => h('li', {},
        when(a.at), ' ', h('span', { class: 'status status-' + a.status }, a.status),
        a.statusCode ? [' HTTP ', String(a.statusCode)] : null,
        a.latencyMillis !== undefined ? ` · ${a.latencyMillis} ms` : null,
        ' · ', h('code', {}, a.messageId ?? ''))))
      : h('p', { class: 'muted' }, 'no attempts yet'));

  show(h('h1', {}, 'Connections and subscriptions'),
    h('section', { 'aria-labelledby': 'h-connections' },
      h('h2', { id: 'h-connections' }, 'Connected tools'),
      connections.connections.length
        ? h('ul', { class: 'connections', id: 'connections' }, connections.connections.map(connection))
        : h('p', {}, 'No tool is connected (POST /v1/connections connects one).')),
    h('section', { 'aria-labelledby': 'h-subscriptions' },
      h('h2', { id: 'h-subscriptions' }, 'Outbound subscriptions'),
      subscriptions.subscriptions.length
        ? h('ul', { class: 'subscriptions', id: 'subscriptions' }, subscriptions.subscriptions.map(subscription))
        : h('p', { id: 'no-subscriptions' }, 'No subscriptions (POST /v1/subscriptions adds one).')));
}
