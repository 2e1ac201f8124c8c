import { api, el, notify, showProblem, clearErrors, signedIn } from '/console/console.js';

const DAYS = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
];
const form = document.getElementById('assign');
let prompts = [];
let sites = [];
let kiosks = [];

document
  .getElementById('day-boxes')
  .replaceChildren(
    ...DAYS.map(([v, label]) =>
      el(
        'div',
        { class: 'govuk-checkboxes__item' },
        el('input', { class: 'govuk-checkboxes__input', id: 'day-' + v, name: 'day', type: 'checkbox', value: v }),
        el('label', { class: 'govuk-label govuk-checkboxes__label', for: 'day-' + v, text: label }),
      ),
    ),
  );

function name(kind, id) {
  if (kind === 'all') return 'Every kiosk';
  const list = kind === 'site' ? sites : kiosks;
  const found = list.find((x) => x.id === id);
  return (kind === 'site' ? 'Site: ' : 'Kiosk: ') + (found ? found.name : id);
}

function when(a) {
  const parts = [];
  if (a.from) parts.push('from ' + new Date(a.from).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }));
  if (a.until) parts.push('until ' + new Date(a.until).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }));
  if (a.days) parts.push('on ' + a.days.map((d) => DAYS.find((x) => x[0] === d)[1]).join(', '));
  if (a.dailyFrom) parts.push(a.dailyFrom + ' to ' + a.dailyUntil);
  return parts.length ? parts.join(', ') : 'Always';
}

async function load() {
  const [p, s, k, a] = await Promise.all([
    api('GET', '/api/prompts'),
    api('GET', '/api/sites'),
    api('GET', '/api/kiosks'),
    api('GET', '/api/assignments'),
  ]);
  prompts = p.body || [];
  sites = s.body || [];
  kiosks = k.body || [];
  const text = new Map(prompts.map((x) => [x.id, x.text]));
  const chosen = form.promptId.value;
  form.promptId.replaceChildren(...prompts.map((x) => el('option', { value: x.id, text: x.text })));
  if (chosen) form.promptId.value = chosen;
  targets();
  const rows = (a.body || []).map((x) =>
    el(
      'tr',
      { class: 'govuk-table__row' },
      el('td', { class: 'govuk-table__cell', text: text.get(x.promptId) || 'Archived prompt' }),
      el('td', { class: 'govuk-table__cell', text: name(x.target, x.targetId) }),
      el('td', { class: 'govuk-table__cell', text: when(x) }),
      el(
        'td',
        { class: 'govuk-table__cell' },
        el('strong', {
          class: 'govuk-tag ' + (x.liveNow ? 'govuk-tag--green' : 'govuk-tag--grey'),
          text: x.liveNow ? 'On now' : 'Not now',
        }),
      ),
      el(
        'td',
        { class: 'govuk-table__cell' },
        el(
          'button',
          { type: 'button', class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', onclick: () => remove(x) },
          'Take off',
          el('span', { class: 'govuk-visually-hidden', text: ' ' + (text.get(x.promptId) || '') }),
        ),
      ),
    ),
  );
  document.getElementById('assignments').replaceChildren(
    rows.length === 0
      ? el('p', { class: 'govuk-body', text: 'Nothing is live: kiosks show no question.' })
      : el(
          'table',
          { class: 'govuk-table' },
          el(
            'thead',
            { class: 'govuk-table__head' },
            el(
              'tr',
              { class: 'govuk-table__row' },
              ['Prompt', 'Where', 'When', 'Now', ''].map((h) => el('th', { scope: 'col', class: 'govuk-table__header', text: h })),
            ),
          ),
          el('tbody', { class: 'govuk-table__body' }, rows),
        ),
  );
}

function targets() {
  const kind = form.querySelector('input[name="target"]:checked').value;
  const select = form.targetId;
  select.disabled = kind === 'all';
  const list = kind === 'site' ? sites : kind === 'kiosk' ? kiosks : [];
  select.replaceChildren(...list.map((x) => el('option', { value: x.id, text: x.name })));
}

async function remove(a) {
  const r = await api('DELETE', '/api/assignments/' + encodeURIComponent(a.id));
  if (r.status === 204) notify('Taken off. Kiosks show what comes next in line.');
  load();
}

form.querySelectorAll('input[name="target"]').forEach((r) => r.addEventListener('change', targets));
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const kind = form.querySelector('input[name="target"]:checked').value;
  const body = { promptId: form.promptId.value, target: kind };
  if (kind !== 'all') body.targetId = form.targetId.value;
  ['from', 'until', 'dailyFrom', 'dailyUntil'].forEach((f) => {
    if (form[f].value) body[f] = form[f].value;
  });
  const days = [...form.querySelectorAll('input[name="day"]:checked')].map((c) => c.value);
  if (days.length) body.days = days;
  const r = await api('POST', '/api/assignments', body);
  if (r.status === 201) {
    clearErrors(form);
    notify(r.body.liveNow ? 'Live now: connected kiosks already show it.' : 'Scheduled: it goes live on time by itself.');
    load();
  } else {
    showProblem(form, r.body, { promptId: 'promptId', targetId: 'targetId', target: 'target-all', days: 'day-mon' });
  }
});

await signedIn();
await load();
