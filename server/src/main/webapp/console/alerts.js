import { api, el, notify, showProblem, clearErrors, signedIn, when } from '/console/console.js';

const DAYS = [
  ['mon', 'Mon'],
  ['tue', 'Tue'],
  ['wed', 'Wed'],
  ['thu', 'Thu'],
  ['fri', 'Fri'],
  ['sat', 'Sat'],
  ['sun', 'Sun'],
];
let sites = new Map();
let lineCount = 0;

function state(a) {
  if (a.closedAt) return ['Closed', 'govuk-tag--grey'];
  if (a.acknowledgedAt) return ['Acknowledged', 'govuk-tag--blue'];
  return ['Waiting for someone', 'govuk-tag--red'];
}

function card(a, withTimeline) {
  const [label, tag] = state(a);
  const site = sites.get(a.siteId) || 'a site';
  const noteId = 'note-' + a.id;
  return el(
    'div',
    { class: 'govuk-summary-card', 'data-alert-id': a.id },
    el(
      'div',
      { class: 'govuk-summary-card__title-wrapper' },
      el('h3', { class: 'govuk-summary-card__title', text: 'Possible safeguarding concern at ' + site + ', ' + when(a.createdAt) }),
      el('strong', { class: 'govuk-tag ' + tag, text: label }),
    ),
    el(
      'div',
      { class: 'govuk-summary-card__content' },
      a.acknowledgedBy
        ? el('p', { class: 'govuk-body', text: 'Acknowledged by ' + a.acknowledgedBy + ', ' + when(a.acknowledgedAt) + '.' })
        : null,
      a.closedAt ? el('p', { class: 'govuk-body', text: 'Closed by ' + a.closedBy + ': ' + a.closeNote }) : null,
      withTimeline
        ? el(
            'ol',
            { class: 'govuk-list govuk-list--number', 'aria-label': 'What happened' },
            (a.timeline || []).map((e) => el('li', { text: when(e.at) + ': ' + e.detail })),
          )
        : el('a', { class: 'govuk-link', href: '/console/alerts.html?id=' + encodeURIComponent(a.id), text: 'What happened' }),
      !a.acknowledgedAt
        ? el(
            'button',
            {
              type: 'button',
              class: 'govuk-button',
              onclick: async () => {
                await api('POST', '/api/alerts/' + encodeURIComponent(a.id) + '/acknowledge');
                notify('Acknowledged: nobody else will be asked.');
                load();
              },
            },
            'Acknowledge',
            el('span', { class: 'govuk-visually-hidden', text: ': the alert at ' + site }),
          )
        : null,
      !a.closedAt
        ? el(
            'form',
            {
              novalidate: true,
              onsubmit: async (event) => {
                event.preventDefault();
                const form = event.target;
                const r = await api('POST', '/api/alerts/' + encodeURIComponent(a.id) + '/close', {
                  note: form.elements[noteId].value.trim(),
                });
                if (r.status === 200) {
                  notify('Closed. Thank you.');
                  load();
                } else {
                  showProblem(form, r.body, { note: noteId });
                }
              },
            },
            el(
              'div',
              { class: 'govuk-form-group' },
              el('label', { class: 'govuk-label govuk-label--s', for: noteId, text: 'What was done' }),
              el('textarea', { class: 'govuk-textarea', id: noteId, name: noteId, rows: '2', maxlength: '2000' }),
            ),
            el(
              'button',
              { type: 'submit', class: 'govuk-button govuk-button--secondary' },
              'Close the alert',
              el('span', { class: 'govuk-visually-hidden', text: ' at ' + site }),
            ),
          )
        : null,
    ),
  );
}

async function loadAlerts() {
  const chosen = new URLSearchParams(location.search).get('id');
  const slot = document.getElementById('chosen');
  if (chosen) {
    const r = await api('GET', '/api/alerts/' + encodeURIComponent(chosen));
    slot.replaceChildren(
      r.status === 200
        ? card(r.body, true)
        : el('p', { class: 'govuk-body', text: 'That alert is not there, or it is for a site you do not cover.' }),
    );
  }
  const r = await api('GET', '/api/alerts?state=' + encodeURIComponent(document.getElementById('state').value));
  const alerts = (r.body || []).filter((a) => a.id !== chosen);
  document
    .getElementById('alerts')
    .replaceChildren(...(alerts.length === 0 ? [el('p', { class: 'govuk-body', text: 'None.' })] : alerts.map((a) => card(a, false))));
}

function rotaLine(line) {
  const n = lineCount++;
  const id = (f) => 'rota-' + n + '-' + f;
  const days = line.days || DAYS.map((d) => d[0]);
  return el(
    'fieldset',
    { class: 'govuk-fieldset govuk-!-margin-bottom-6', 'data-rota-line': String(n) },
    el('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s', text: 'Person' }),
    el(
      'div',
      { class: 'govuk-form-group' },
      el('label', { class: 'govuk-label', for: id('address'), text: 'E-mail address' }),
      el('input', {
        class: 'govuk-input govuk-input--width-20',
        id: id('address'),
        name: 'address',
        type: 'email',
        value: line.address || '',
        spellcheck: 'false',
        autocomplete: 'off',
      }),
    ),
    el(
      'div',
      { class: 'govuk-form-group' },
      el(
        'fieldset',
        { class: 'govuk-fieldset' },
        el('legend', { class: 'govuk-fieldset__legend', text: 'Days' }),
        el(
          'div',
          { class: 'govuk-checkboxes govuk-checkboxes--small chorus-inline' },
          DAYS.map(([key, label]) =>
            el(
              'div',
              { class: 'govuk-checkboxes__item' },
              el('input', {
                class: 'govuk-checkboxes__input',
                id: id(key),
                name: 'day',
                type: 'checkbox',
                value: key,
                checked: days.includes(key),
              }),
              el('label', { class: 'govuk-label govuk-checkboxes__label', for: id(key), text: label }),
            ),
          ),
        ),
      ),
    ),
    el(
      'div',
      { class: 'govuk-form-group' },
      el('label', { class: 'govuk-label', for: id('from'), text: 'From' }),
      el('input', { class: 'govuk-input govuk-input--width-5', id: id('from'), name: 'from', type: 'time', value: line.from || '00:00' }),
    ),
    el(
      'div',
      { class: 'govuk-form-group' },
      el('label', { class: 'govuk-label', for: id('to'), text: 'Until (24:00 is midnight)' }),
      el('input', { class: 'govuk-input govuk-input--width-5', id: id('to'), name: 'to', value: line.to || '24:00', inputmode: 'numeric' }),
    ),
    el(
      'button',
      {
        type: 'button',
        class: 'govuk-button govuk-button--warning',
        onclick: (e) => e.target.closest('fieldset[data-rota-line]').remove(),
      },
      'Remove this person',
    ),
  );
}

async function loadRota() {
  const site = document.getElementById('rota-site').value;
  if (!site) return;
  const r = await api('GET', '/api/duty-rotas/' + encodeURIComponent(site));
  lineCount = 0;
  document.getElementById('rota-lines').replaceChildren(...(r.body || []).map(rotaLine));
}

async function loadWebhooks() {
  const r = await api('GET', '/api/webhooks');
  const section = document.getElementById('webhooks-section');
  if (r.status !== 200) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  const hooks = r.body || [];
  document.getElementById('webhooks').replaceChildren(
    ...(hooks.length === 0
      ? [el('p', { class: 'govuk-body', text: 'None yet.' })]
      : hooks.map((w) =>
          el(
            'div',
            { class: 'govuk-summary-card', 'data-webhook-id': w.id },
            el(
              'div',
              { class: 'govuk-summary-card__title-wrapper' },
              el('h3', { class: 'govuk-summary-card__title', text: w.name + ' (' + w.format + ')' }),
            ),
            el(
              'div',
              { class: 'govuk-summary-card__content' },
              el('p', { class: 'govuk-body', text: 'For ' + (w.siteId ? sites.get(w.siteId) || w.siteId : 'every site') + ': ' + w.url }),
              el(
                'button',
                {
                  type: 'button',
                  class: 'govuk-button govuk-button--secondary',
                  onclick: async () => {
                    await api('DELETE', '/api/webhooks/' + encodeURIComponent(w.id));
                    notify('Removed: alerts are no longer posted there.');
                    loadWebhooks();
                  },
                },
                'Remove',
                el('span', { class: 'govuk-visually-hidden', text: ': ' + w.name }),
              ),
            ),
          ),
        )),
  );
}

async function load() {
  await Promise.all([loadAlerts(), loadWebhooks()]);
}

document.getElementById('state').addEventListener('change', loadAlerts);
document.getElementById('rota-site').addEventListener('change', loadRota);
document.getElementById('rota-add').addEventListener('click', () => {
  const line = rotaLine({});
  document.getElementById('rota-lines').append(line);
  line.querySelector('input').focus();
});
document.getElementById('rota').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const lines = [...form.querySelectorAll('fieldset[data-rota-line]')].map((f) => ({
    address: f.querySelector('[name=address]').value.trim(),
    days: [...f.querySelectorAll('[name=day]:checked')].map((c) => c.value),
    from: f.querySelector('[name=from]').value || '00:00',
    to: f.querySelector('[name=to]').value.trim() || '24:00',
  }));
  const site = document.getElementById('rota-site').value;
  const r = await api('PUT', '/api/duty-rotas/' + encodeURIComponent(site), lines);
  if (r.status === 200) {
    clearErrors(form);
    notify('Rota saved.');
    loadRota();
  } else {
    const ids = {};
    [...form.querySelectorAll('fieldset[data-rota-line]')].forEach((f, i) => {
      const n = f.getAttribute('data-rota-line');
      for (const k of ['address', 'from', 'to', 'days']) ids['[' + i + '].' + k] = 'rota-' + n + '-' + (k === 'days' ? 'mon' : k);
    });
    showProblem(form, r.body, ids);
  }
});
document.getElementById('add-webhook').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const body = { name: form.name.value.trim(), url: form.url.value.trim(), format: form.format.value };
  if (form.siteId.value) body.siteId = form.siteId.value;
  const r = await api('POST', '/api/webhooks', body);
  if (r.status === 201) {
    clearErrors(form);
    form.reset();
    notify('Added. Its secret, shown only now, is ' + r.body.secret + ' : give it to whoever checks the signatures.');
    loadWebhooks();
  } else {
    showProblem(form, r.body, { name: 'name', url: 'url', format: 'format', siteId: 'siteId' });
  }
});

async function loadSubscription() {
  const form = document.getElementById('subscription');
  const r = await api('GET', '/api/subscriptions/me');
  if (r.status !== 200) return;
  form.email.value = r.body.email;
  form.querySelectorAll('[name=kind]').forEach((c) => {
    c.checked = r.body.kinds.includes(c.value);
  });
  form.querySelectorAll('[name=summary]').forEach((c) => {
    c.checked = c.value === r.body.summary;
  });
}

document.getElementById('subscription').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const body = {
    email: form.email.value.trim(),
    kinds: [...form.querySelectorAll('[name=kind]:checked')].map((c) => c.value),
    summary: form.querySelector('[name=summary]:checked').value,
  };
  const r = await api('PUT', '/api/subscriptions/me', body);
  if (r.status === 200) {
    clearErrors(form);
    notify('Saved.');
  } else {
    showProblem(form, r.body, { email: 'email', kinds: 'kind-safeguarding', summary: 'summary-none' });
  }
});
document.getElementById('send-summary').addEventListener('click', async () => {
  const r = await api('POST', '/api/subscriptions/me/summary');
  if (r.status === 202) notify('On its way to ' + r.body.to + '.');
  else notify('Save your e-mail address first.', 'important');
});

await signedIn();
const s = await api('GET', '/api/sites');
sites = new Map((s.body || []).map((x) => [x.id, x.name]));
document.getElementById('rota-site').replaceChildren(...(s.body || []).map((x) => el('option', { value: x.id, text: x.name })));
document
  .getElementById('siteId')
  .replaceChildren(
    el('option', { value: '', text: 'Every site' }),
    ...(s.body || []).map((x) => el('option', { value: x.id, text: x.name })),
  );
await Promise.all([load(), loadRota(), loadSubscription()]);
