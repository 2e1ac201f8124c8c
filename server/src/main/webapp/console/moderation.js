import { api, el, notify, signedIn, when } from '/console/console.js';

const FLAGS = { 'personal-data': ['May hold personal details', 'govuk-tag--orange'], safeguarding: ['Possible safeguarding concern', 'govuk-tag--red'] };
let sites = new Map();

async function loadAlerts() {
  const r = await api('GET', '/api/alerts');
  const alerts = r.body || [];
  document.getElementById('alerts').replaceChildren(...alerts.map((a) =>
    el('div', { class: 'govuk-notification-banner', role: 'alert', 'aria-labelledby': 'alert-' + a.id, 'data-alert-id': a.id },
      el('div', { class: 'govuk-notification-banner__header' }, el('h2', { class: 'govuk-notification-banner__title', id: 'alert-' + a.id, text: 'Needs action now' })),
      el('div', { class: 'govuk-notification-banner__content' },
        el('p', { class: 'govuk-notification-banner__heading', text: a.message }),
        el('p', { class: 'govuk-body', text: 'Duty contact: ' + (a.dutyContact || 'none set for ' + (sites.get(a.siteId) || 'this site') + ': set one on the Kiosks page') + '. Raised ' + when(a.createdAt) + '.' }),
        el('button', { type: 'button', class: 'govuk-button govuk-!-margin-bottom-0', onclick: async () => { await api('POST', '/api/alerts/' + encodeURIComponent(a.id) + '/acknowledge'); notify('Alert marked as dealt with.'); loadAlerts(); } }, 'Mark as dealt with')))));
}

async function loadQueue() {
  const status = document.getElementById('status-filter').value;
  const r = await api('GET', '/api/comments?status=' + encodeURIComponent(status));
  const comments = r.body || [];
  document.getElementById('queue').replaceChildren(...(comments.length === 0
    ? [el('p', { class: 'govuk-body', text: status === 'pending' ? 'Nothing is waiting. Well done.' : 'None.' })]
    : comments.map((c) => card(c, status))));
}

function card(c, status) {
  const reasonId = 'reason-' + c.id;
  return el('div', { class: 'govuk-summary-card', 'data-comment-id': c.id },
    el('div', { class: 'govuk-summary-card__title-wrapper' },
      el('h2', { class: 'govuk-summary-card__title', text: (sites.get(c.siteId) || 'A site') + ', ' + when(c.pressedAt) }),
      el('div', {}, c.flags.map((f) => el('strong', { class: 'govuk-tag ' + (FLAGS[f] || ['', 'govuk-tag--grey'])[1] + ' govuk-!-margin-left-1', text: (FLAGS[f] || [f])[0] })))),
    el('div', { class: 'govuk-summary-card__content' },
      el('p', { class: 'govuk-body-l', 'data-comment-text': '', text: c.text }),
      status === 'approved' ? null : el('button', { type: 'button', class: 'govuk-button govuk-!-margin-right-2', 'data-approve': c.id, onclick: () => decide(c, 'approve') }, 'Approve', el('span', { class: 'govuk-visually-hidden', text: ' this comment' })),
      status === 'hidden' ? null : el('div', { class: 'govuk-form-group' },
        el('label', { class: 'govuk-label', for: reasonId, text: 'Reason for hiding' }),
        el('input', { class: 'govuk-input govuk-!-width-two-thirds', id: reasonId, type: 'text', maxlength: 500 })),
      status === 'hidden' ? null : el('button', { type: 'button', class: 'govuk-button govuk-button--warning', 'data-hide': c.id, onclick: () => decide(c, 'hide') }, 'Hide', el('span', { class: 'govuk-visually-hidden', text: ' this comment' }))));
}

async function decide(c, action) {
  let r;
  if (action === 'hide') {
    const reason = document.getElementById('reason-' + c.id).value.trim();
    r = await api('POST', '/api/comments/' + encodeURIComponent(c.id) + '/hide', { reason });
    if (r.status === 400) {
      notify('Say why you are hiding it.', 'important');
      document.getElementById('reason-' + c.id).focus();
      return;
    }
  } else {
    r = await api('POST', '/api/comments/' + encodeURIComponent(c.id) + '/approve');
  }
  if (r.status === 200) notify(action === 'approve' ? 'Approved: walls show it now.' : 'Hidden.');
  loadQueue();
  loadLog();
}

async function loadLog() {
  const r = await api('GET', '/api/comments/log?limit=20');
  const rows = r.body || [];
  document.getElementById('log').replaceChildren(rows.length === 0 ? el('p', { class: 'govuk-body', text: 'No decisions yet.' })
    : el('table', { class: 'govuk-table' },
        el('thead', { class: 'govuk-table__head' }, el('tr', { class: 'govuk-table__row' }, ['When', 'Who', 'Decision', 'Reason'].map((h) => el('th', { scope: 'col', class: 'govuk-table__header', text: h })))),
        el('tbody', { class: 'govuk-table__body' }, rows.map((e) => el('tr', { class: 'govuk-table__row' },
          el('td', { class: 'govuk-table__cell', text: when(e.at) }),
          el('td', { class: 'govuk-table__cell', text: e.by }),
          el('td', { class: 'govuk-table__cell', text: e.action === 'approve' ? 'Approved' : 'Hidden' }),
          el('td', { class: 'govuk-table__cell', text: e.reason || '' }))))));
}

document.getElementById('status-filter').addEventListener('change', loadQueue);
await signedIn();
const s = await api('GET', '/api/sites');
sites = new Map((s.body || []).map((x) => [x.id, x.name]));
await Promise.all([loadAlerts(), loadQueue(), loadLog()]);
setInterval(() => { loadAlerts(); if (document.getElementById('status-filter').value === 'pending') loadQueue(); }, 10000);
