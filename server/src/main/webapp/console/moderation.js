import { api, el, notify, showProblem, signedIn, when } from '/console/console.js';

const FLAGS = {
  'personal-data': ['May hold personal details', 'govuk-tag--orange'],
  safeguarding: ['Possible safeguarding concern', 'govuk-tag--red'],
};
let sites = new Map();

async function loadAlerts() {
  const r = await api('GET', '/api/alerts');
  const alerts = r.body || [];
  document.getElementById('alerts').replaceChildren(
    ...alerts.map((a) =>
      el(
        'div',
        { class: 'govuk-notification-banner', role: 'alert', 'aria-labelledby': 'alert-' + a.id, 'data-alert-id': a.id },
        el(
          'div',
          { class: 'govuk-notification-banner__header' },
          el('h2', { class: 'govuk-notification-banner__title', id: 'alert-' + a.id, text: 'Needs action now' }),
        ),
        el(
          'div',
          { class: 'govuk-notification-banner__content' },
          el('p', { class: 'govuk-notification-banner__heading', text: a.message }),
          el('p', {
            class: 'govuk-body',
            text:
              'Duty contact: ' +
              (a.dutyContact || 'none set for ' + (sites.get(a.siteId) || 'this site') + ': set one on the Kiosks page') +
              '. Raised ' +
              when(a.createdAt) +
              '.',
          }),
          el(
            'p',
            { class: 'govuk-body' },
            el('a', { class: 'govuk-link', href: '/console/alerts.html?id=' + encodeURIComponent(a.id), text: 'Who has been told' }),
          ),
          el(
            'button',
            {
              type: 'button',
              class: 'govuk-button govuk-!-margin-bottom-0',
              onclick: async () => {
                await api('POST', '/api/alerts/' + encodeURIComponent(a.id) + '/acknowledge');
                notify('Alert marked as dealt with.');
                loadAlerts();
              },
            },
            'Mark as dealt with',
          ),
        ),
      ),
    ),
  );
}

async function loadQueue() {
  const status = document.getElementById('status-filter').value;
  const r = await api('GET', '/api/comments?status=' + encodeURIComponent(status));
  const comments = r.body || [];
  document
    .getElementById('queue')
    .replaceChildren(
      ...(comments.length === 0
        ? [el('p', { class: 'govuk-body', text: status === 'pending' ? 'Nothing is waiting. Well done.' : 'None.' })]
        : comments.map((c) => card(c, status))),
    );
}

function card(c, status) {
  const reasonId = 'reason-' + c.id;
  return el(
    'div',
    { class: 'govuk-summary-card', 'data-comment-id': c.id },
    el(
      'div',
      { class: 'govuk-summary-card__title-wrapper' },
      el('h2', { class: 'govuk-summary-card__title', text: (sites.get(c.siteId) || 'A site') + ', ' + when(c.pressedAt) }),
      el(
        'div',
        {},
        c.flags.map((f) =>
          el('strong', {
            class: 'govuk-tag ' + (FLAGS[f] || ['', 'govuk-tag--grey'])[1] + ' govuk-!-margin-left-1',
            text: (FLAGS[f] || [f])[0],
          }),
        ),
      ),
    ),
    el(
      'div',
      { class: 'govuk-summary-card__content' },
      el('p', { class: 'govuk-body-l', 'data-comment-text': '', text: c.text }),
      status === 'approved'
        ? null
        : el(
            'button',
            { type: 'button', class: 'govuk-button govuk-!-margin-right-2', 'data-approve': c.id, onclick: () => decide(c, 'approve') },
            'Approve',
            el('span', { class: 'govuk-visually-hidden', text: ' this comment' }),
          ),
      status === 'hidden'
        ? null
        : el(
            'div',
            { class: 'govuk-form-group' },
            el('label', { class: 'govuk-label', for: reasonId, text: 'Reason for hiding' }),
            el('input', { class: 'govuk-input govuk-!-width-two-thirds', id: reasonId, type: 'text', maxlength: 500 }),
          ),
      status === 'hidden'
        ? null
        : el(
            'button',
            { type: 'button', class: 'govuk-button govuk-button--warning', 'data-hide': c.id, onclick: () => decide(c, 'hide') },
            'Hide',
            el('span', { class: 'govuk-visually-hidden', text: ' this comment' }),
          ),
    ),
  );
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

const REASONS = {
  unknown_prompt: 'The kiosk showed a question this server does not have (perhaps after a restore from an older backup).',
  unknown_option: 'The answer is not one of the options of the question it names.',
  pressed_at_far_off: "The kiosk's clock was wrong when it was pressed.",
};
let prompts = [];

async function loadUnmatched() {
  const r = await api('GET', '/api/feedback/unmatched');
  const presses = r.body || [];
  document
    .getElementById('unmatched')
    .replaceChildren(...(presses.length === 0 ? [el('p', { class: 'govuk-body', text: 'None waiting.' })] : presses.map(unmatchedCard)));
}

function unmatchedCard(u) {
  const id = (part) => part + '-' + u.id;
  const known = prompts.find((p) => p.id === u.promptId);
  const promptSelect = el(
    'select',
    { class: 'govuk-select', id: id('prompt') },
    prompts.map((p) => el('option', { value: p.id, text: p.text, selected: p === known ? '' : null })),
  );
  const version = el('input', {
    class: 'govuk-input govuk-input--width-3',
    id: id('version'),
    type: 'number',
    min: '1',
    inputmode: 'numeric',
    value: String(known && u.promptVersion ? u.promptVersion : (prompts[0] || {}).version || 1),
  });
  const option = el('select', { class: 'govuk-select', id: id('option') });
  const fillOptions = () => {
    const p = prompts.find((x) => x.id === promptSelect.value);
    option.replaceChildren(
      ...(p ? p.options : []).map((o) => el('option', { value: o.key, text: o.label, selected: o.key === u.option ? '' : null })),
    );
  };
  promptSelect.addEventListener('change', () => {
    const p = prompts.find((x) => x.id === promptSelect.value);
    if (p) version.value = String(p.version);
    fillOptions();
  });
  fillOptions();
  const field = (label, forId, control) =>
    el('div', { class: 'govuk-form-group' }, el('label', { class: 'govuk-label', for: forId, text: label }), control);
  return el(
    'div',
    { class: 'govuk-summary-card', 'data-unmatched-id': u.id },
    el(
      'div',
      { class: 'govuk-summary-card__title-wrapper' },
      el('h3', { class: 'govuk-summary-card__title', text: (sites.get(u.siteId) || 'A site') + ', ' + when(u.pressedAt || u.receivedAt) }),
    ),
    el(
      'div',
      { class: 'govuk-summary-card__content' },
      el('p', {
        class: 'govuk-body',
        text: REASONS[u.reasonCode] || 'The kiosk sent it in a form this server cannot fully read (an agent of another release?).',
      }),
      el('p', {
        class: 'govuk-body-s',
        text:
          'The kiosk said: answer "' +
          (u.option || '?') +
          '" to question ' +
          (u.promptId || '?') +
          ', version ' +
          (u.promptVersion || '?') +
          (u.hasFollowUp ? ', with a follow-up answer' : '') +
          '. (' +
          u.reason +
          ')',
      }),
      field('Question it answered', id('prompt'), promptSelect),
      field('Version of the question', id('version'), version),
      field('Answer', id('option'), option),
      el(
        'button',
        {
          type: 'button',
          class: 'govuk-button govuk-!-margin-right-2',
          'data-assign': u.id,
          onclick: () => place(u, promptSelect.value, version.value, option.value),
        },
        'Count it here',
        el('span', { class: 'govuk-visually-hidden', text: ' (this press)' }),
      ),
      field(
        'Note (why you leave it aside)',
        id('note'),
        el('input', { class: 'govuk-input govuk-!-width-two-thirds', id: id('note'), type: 'text', maxlength: 500 }),
      ),
      el(
        'button',
        { type: 'button', class: 'govuk-button govuk-button--secondary', 'data-set-aside': u.id, onclick: () => leaveAside(u) },
        'Leave it aside',
        el('span', { class: 'govuk-visually-hidden', text: ' (this press)' }),
      ),
    ),
  );
}

async function place(u, promptId, version, option) {
  const r = await api('POST', '/api/feedback/unmatched/' + encodeURIComponent(u.id) + '/assign', {
    promptId,
    promptVersion: Number(version),
    option,
  });
  if (r.status === 200) notify('Counted: it now shows with the other answers to that question.');
  else notify((r.body && r.body.detail) || 'That did not work. Check the question, version and answer.', 'important');
  loadUnmatched();
}

async function leaveAside(u) {
  const note = document.getElementById('note-' + u.id).value.trim();
  const r = await api('POST', '/api/feedback/unmatched/' + encodeURIComponent(u.id) + '/set-aside', note ? { note } : {});
  if (r.status === 200) notify('Left aside. It is kept, and not counted.');
  loadUnmatched();
}

async function loadLog() {
  const r = await api('GET', '/api/comments/log?limit=20');
  const rows = r.body || [];
  document.getElementById('log').replaceChildren(
    rows.length === 0
      ? el('p', { class: 'govuk-body', text: 'No decisions yet.' })
      : el(
          'table',
          { class: 'govuk-table' },
          el(
            'thead',
            { class: 'govuk-table__head' },
            el(
              'tr',
              { class: 'govuk-table__row' },
              ['When', 'Who', 'Decision', 'Reason'].map((h) => el('th', { scope: 'col', class: 'govuk-table__header', text: h })),
            ),
          ),
          el(
            'tbody',
            { class: 'govuk-table__body' },
            rows.map((e) =>
              el(
                'tr',
                { class: 'govuk-table__row' },
                el('td', { class: 'govuk-table__cell', text: when(e.at) }),
                el('td', { class: 'govuk-table__cell', text: e.by }),
                el('td', { class: 'govuk-table__cell', text: e.action === 'approve' ? 'Approved' : 'Hidden' }),
                el('td', { class: 'govuk-table__cell', text: e.reason || '' }),
              ),
            ),
          ),
        ),
  );
}

document.getElementById('status-filter').addEventListener('change', loadQueue);
// Admins: find a comment by its words, and erase them at the writer's request.
const eraseForm = document.getElementById('erase-search');
async function findToErase() {
  const r = await api('GET', '/api/comments/search?words=' + encodeURIComponent(eraseForm.words.value.trim()));
  const slot = document.getElementById('erase-results');
  if (r.status !== 200) {
    showProblem(eraseForm, r.body, { words: 'words' });
    slot.replaceChildren();
    return;
  }
  const found = r.body || [];
  slot.replaceChildren(
    ...(found.length === 0
      ? [el('p', { class: 'govuk-body', text: 'No comment has all those words.' })]
      : found.map((c) =>
          el(
            'div',
            { class: 'govuk-summary-card', 'data-comment-id': c.id },
            el(
              'div',
              { class: 'govuk-summary-card__title-wrapper' },
              el('h3', { class: 'govuk-summary-card__title', text: (sites.get(c.siteId) || c.siteId) + ', ' + when(c.pressedAt) }),
            ),
            el(
              'div',
              { class: 'govuk-summary-card__content' },
              el('p', { class: 'govuk-body' }, el('q', { text: c.text })),
              el(
                'button',
                {
                  type: 'button',
                  class: 'govuk-button govuk-button--warning',
                  onclick: async () => {
                    const e = await api('POST', '/api/comments/' + encodeURIComponent(c.id) + '/erase');
                    if (e.status === 200) {
                      notify('The words are erased. The press is still counted.');
                      findToErase();
                      loadLog();
                    }
                  },
                },
                'Erase these words',
              ),
            ),
          ),
        )),
  );
}
eraseForm.addEventListener('submit', (event) => {
  event.preventDefault();
  findToErase();
});

const me = await signedIn();
document.getElementById('erase').hidden = !(me && me.roles && me.roles.includes('admin'));
const s = await api('GET', '/api/sites');
sites = new Map((s.body || []).map((x) => [x.id, x.name]));
const p = await api('GET', '/api/prompts?archived=true');
prompts = p.status === 200 ? p.body : [];
await Promise.all([loadAlerts(), loadQueue(), loadUnmatched(), loadLog()]);
setInterval(() => {
  loadAlerts();
  if (document.getElementById('status-filter').value === 'pending') loadQueue();
}, 10000);
