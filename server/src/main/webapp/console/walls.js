import { api, el, notify, signedIn, when } from '/console/console.js';

async function load() {
  const s = await api('GET', '/api/sites');
  const sites = s.body || [];
  const month = new Date().toISOString().substring(0, 7);
  const blocks = [];
  for (const site of sites) {
    const k = await api('GET', '/api/wall-keys?site=' + encodeURIComponent(site.id));
    const keys = (k.body || []).filter((x) => !x.revoked);
    blocks.push(
      el('h2', { class: 'govuk-heading-m', text: site.name }),
      el(
        'p',
        { class: 'govuk-body' },
        el('a', { class: 'govuk-link', href: '/wall/?site=' + encodeURIComponent(site.id), text: 'Open the wall' }),
        ' (needs you signed in) | ',
        el('a', {
          class: 'govuk-link',
          href: '/wall/summary.html?site=' + encodeURIComponent(site.id) + '&month=' + month,
          text: 'Monthly summary to print',
        }),
      ),
      keys.length === 0
        ? el('p', { class: 'govuk-body', text: 'No wall links.' })
        : el(
            'ul',
            { class: 'govuk-list' },
            keys.map((key) =>
              el(
                'li',
                {},
                key.label + ', made ' + when(key.createdAt) + ' ',
                el(
                  'button',
                  {
                    type: 'button',
                    class: 'govuk-button govuk-button--warning govuk-!-margin-bottom-0',
                    onclick: async () => {
                      await api('POST', '/api/wall-keys/' + encodeURIComponent(key.id) + '/revoke');
                      notify('Wall link revoked: screens using it have stopped.');
                      load();
                    },
                  },
                  'Revoke',
                  el('span', { class: 'govuk-visually-hidden', text: ' ' + key.label }),
                ),
              ),
            ),
          ),
      el(
        'button',
        { type: 'button', class: 'govuk-button govuk-button--secondary', onclick: () => makeKey(site) },
        'Make a wall link',
        el('span', { class: 'govuk-visually-hidden', text: ' for ' + site.name }),
      ),
    );
  }
  document.getElementById('sites').replaceChildren(...blocks);
}

async function makeKey(site) {
  const r = await api('POST', '/api/wall-keys', { siteId: site.id, label: 'Wall screen at ' + site.name });
  if (r.status !== 201) return;
  const url = location.origin + r.body.wallUrl;
  document
    .getElementById('new-link')
    .replaceChildren(
      el(
        'div',
        { class: 'govuk-panel govuk-panel--confirmation' },
        el('h2', { class: 'govuk-panel__title', text: 'Wall link for ' + site.name }),
        el(
          'div',
          { class: 'govuk-panel__body' },
          el('p', { text: 'Open this on the wall screen. It is shown only once: copy it now.' }),
          el('p', { class: 'chorus-wall-link', text: url }),
        ),
      ),
    );
  load();
}

await signedIn();
await load();
