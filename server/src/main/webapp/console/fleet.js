import { api, el, notify, showProblem, clearErrors, signedIn, when } from '/console/console.js';

const STATUS = {
  online: ['Online', 'govuk-tag--green'],
  reconnecting: ['Reconnecting', 'govuk-tag--yellow'],
  offline: ['Offline', 'govuk-tag--red'],
  'never-connected': ['Not connected yet', 'govuk-tag--grey'],
  'awaiting-pairing': ['Waiting to be paired', 'govuk-tag--blue'],
  revoked: ['Revoked', 'govuk-tag--grey'],
};

let sites = [];
let prompts = new Map();

async function load() {
  const [s, k, p] = await Promise.all([api('GET', '/api/sites'), api('GET', '/api/kiosks'), api('GET', '/api/prompts?archived=true')]);
  if (s.status !== 200 || k.status !== 200) return;
  sites = s.body;
  prompts = new Map((p.body || []).map((x) => [x.id, x.text]));
  render(k.body);
  fillSites();
}

function warning(...text) {
  return el(
    'div',
    { class: 'govuk-warning-text' },
    el('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true', text: '!' }),
    el('strong', { class: 'govuk-warning-text__text' }, el('span', { class: 'govuk-visually-hidden', text: 'Warning' }), ...text),
  );
}

function render(kiosks) {
  const offline = kiosks.filter((k) => k.alert && k.status === 'offline');
  const setAside = kiosks.filter((k) => k.rejected > 0);
  document
    .getElementById('alerts')
    .replaceChildren(
      offline.length === 0
        ? ''
        : warning(
            offline.length === 1 ? '1 kiosk is offline: ' : offline.length + ' kiosks are offline: ',
            offline.map((k) => k.name + ' (' + siteName(k.siteId) + ', last seen ' + when(k.lastSeenAt) + ')').join('; '),
          ),
      setAside.length === 0
        ? ''
        : warning(
            'Some presses could not be sent and are kept on the kiosk: ',
            setAside
              .map(
                (k) =>
                  k.name +
                  ' (' +
                  siteName(k.siteId) +
                  ', ' +
                  k.rejected +
                  (k.rejected === 1 ? ' press' : ' presses') +
                  ' in rejected.jsonl)',
              )
              .join('; '),
            '. Ask your IT team to look at them.',
          ),
    );
  const bySite = new Map(sites.map((s) => [s.id, []]));
  kiosks.forEach((k) => (bySite.get(k.siteId) || bySite.set(k.siteId, []).get(k.siteId)).push(k));
  const blocks = [];
  for (const [siteId, list] of bySite) {
    blocks.push(el('h2', { class: 'govuk-heading-m', text: siteName(siteId) }));
    if (list.length === 0) {
      blocks.push(el('p', { class: 'govuk-body', text: 'No kiosks here yet.' }));
      continue;
    }
    blocks.push(
      el(
        'table',
        { class: 'govuk-table' },
        el('caption', { class: 'govuk-table__caption govuk-visually-hidden', text: 'Kiosks at ' + siteName(siteId) }),
        el(
          'thead',
          { class: 'govuk-table__head' },
          el(
            'tr',
            { class: 'govuk-table__row' },
            ['Kiosk', 'Status', 'Last seen', 'Showing', 'Waiting to send', 'Agent', 'Actions'].map((h) =>
              el('th', { scope: 'col', class: 'govuk-table__header', text: h }),
            ),
          ),
        ),
        el('tbody', { class: 'govuk-table__body' }, list.map(row)),
      ),
    );
  }
  document.getElementById('fleet').replaceChildren(...blocks);
}

function row(k) {
  const [label, colour] = STATUS[k.status] || [k.status, 'govuk-tag--grey'];
  const shown = k.prompt || k.reported;
  return el(
    'tr',
    { class: 'govuk-table__row', 'data-kiosk-id': k.id },
    el('th', { scope: 'row', class: 'govuk-table__header', text: k.name }),
    el(
      'td',
      { class: 'govuk-table__cell' },
      el('strong', { class: 'govuk-tag ' + colour, 'data-status': k.status, text: label }),
      k.rejected > 0
        ? el('strong', {
            class: 'govuk-tag govuk-tag--red govuk-!-margin-left-1',
            'data-rejected': String(k.rejected),
            text: k.rejected + ' set aside',
          })
        : '',
    ),
    el('td', { class: 'govuk-table__cell', text: when(k.lastSeenAt) }),
    el('td', {
      class: 'govuk-table__cell',
      text: shown ? (prompts.get(shown.id) || 'a prompt') + ' (version ' + shown.version + ')' : '-',
    }),
    el('td', { class: 'govuk-table__cell govuk-table__cell--numeric', text: k.outbox === null ? '-' : String(k.outbox) }),
    el('td', { class: 'govuk-table__cell', text: k.agent || '-' }),
    el(
      'td',
      { class: 'govuk-table__cell' },
      el(
        'button',
        { type: 'button', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-1', onclick: () => newCode(k) },
        'New pairing code',
        el('span', { class: 'govuk-visually-hidden', text: ' for ' + k.name }),
      ),
      k.revoked
        ? ''
        : el(
            'button',
            { type: 'button', class: 'govuk-button govuk-button--warning govuk-!-margin-bottom-1', onclick: () => revoke(k) },
            'Revoke',
            el('span', { class: 'govuk-visually-hidden', text: ' ' + k.name }),
          ),
    ),
  );
}

function siteName(id) {
  const s = sites.find((x) => x.id === id);
  return s ? s.name : 'Unknown site';
}

function fillSites() {
  const select = document.getElementById('siteId');
  const chosen = select.value;
  select.replaceChildren(...sites.map((s) => el('option', { value: s.id, text: s.name })));
  if (chosen) select.value = chosen;
}

function showPairing(kiosk, pairing) {
  document.getElementById('pairing').replaceChildren(
    el(
      'div',
      { class: 'govuk-panel govuk-panel--confirmation' },
      el('h2', { class: 'govuk-panel__title', text: 'Pairing code for ' + kiosk.name }),
      el(
        'div',
        { class: 'govuk-panel__body' },
        el('p', { class: 'chorus-pairing-code', 'data-pairing-code': pairing.code, text: pairing.code }),
        el('p', {
          text:
            'On the kiosk, run the agent with --pair ' +
            pairing.code +
            '. The code works once, until ' +
            new Date(pairing.expiresAt).toLocaleTimeString('en-GB', { timeStyle: 'short' }) +
            '.',
        }),
      ),
    ),
  );
}

async function newCode(k) {
  const r = await api('POST', '/api/kiosks/' + encodeURIComponent(k.id) + '/pairing-code');
  if (r.status === 200) showPairing(r.body, r.body.pairing);
}

async function revoke(k) {
  if (!confirm('Revoke ' + k.name + '? It will be disconnected at once and needs a new pairing code to come back.')) return;
  const r = await api('POST', '/api/kiosks/' + encodeURIComponent(k.id) + '/revoke');
  if (r.status === 200) notify(k.name + ' is revoked and disconnected.');
  load();
}

document.getElementById('add-kiosk').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const r = await api('POST', '/api/kiosks', { siteId: form.siteId.value, name: form.name.value.trim() });
  if (r.status === 201) {
    clearErrors(form);
    form.name.value = '';
    showPairing(r.body, r.body.pairing);
    load();
  } else {
    showProblem(form, r.body, { siteId: 'siteId', name: 'name' });
  }
});

document.getElementById('add-site').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const body = { name: form.name.value.trim(), kind: form.kind.value, timezone: form.timezone.value.trim() };
  if (form.dutyContact.value.trim()) body.dutyContact = form.dutyContact.value.trim();
  const r = await api('POST', '/api/sites', body);
  if (r.status === 201) {
    clearErrors(form);
    form.name.value = '';
    notify('Site ' + r.body.name + ' added.');
    load();
  } else {
    showProblem(form, r.body, { name: 'site-name', kind: 'site-kind', timezone: 'site-timezone', dutyContact: 'site-dutyContact' });
  }
});

await signedIn();
await load();
setInterval(load, 3000);
