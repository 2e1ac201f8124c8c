import { api, el, notify, showProblem, clearErrors, signedIn, when } from '/console/console.js';
import { STAGE_WORDS, stageSteps, stageWords } from '/console/stages.js';

const form = document.getElementById('post-action');
let sites = [];

function radios(name, idPrefix, checked) {
  return Object.entries(STAGE_WORDS).map(([stage, words]) =>
    el(
      'div',
      { class: 'govuk-radios__item' },
      el('input', { class: 'govuk-radios__input', id: idPrefix + stage, name, type: 'radio', value: stage, checked: stage === checked }),
      el('label', { class: 'govuk-label govuk-radios__label', for: idPrefix + stage, text: words }),
    ),
  );
}

function history(x) {
  return el(
    'ol',
    { class: 'govuk-list govuk-list--number govuk-body-s' },
    x.history.map((h) => el('li', {}, stageWords(h.stage) + ', ' + when(h.at) + ' by ' + h.by + (h.note ? ': ' + h.note : ''))),
  );
}

function moveForm(x) {
  const prefix = 'move-' + x.id + '-';
  const move = el(
    'form',
    { novalidate: true, 'data-move': x.id },
    el(
      'div',
      { class: 'govuk-form-group' },
      el(
        'fieldset',
        { class: 'govuk-fieldset', id: prefix + 'stage' },
        el('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s', text: 'Move it on' }),
        el('div', { class: 'govuk-radios govuk-radios--small' }, radios('stage', prefix, x.stage)),
      ),
    ),
    el(
      'div',
      { class: 'govuk-form-group' },
      el('label', { class: 'govuk-label', for: prefix + 'note', text: 'Note (needed for "We could not do this": say why)' }),
      el('textarea', { class: 'govuk-textarea', id: prefix + 'note', name: 'note', rows: '2', maxlength: '500' }),
    ),
    el(
      'button',
      { type: 'submit', class: 'govuk-button' },
      'Save the stage',
      el('span', { class: 'govuk-visually-hidden', text: ': ' + x.weDid }),
    ),
  );
  move.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = move.querySelector('input[name="stage"]:checked');
    const body = { stage: chosen ? chosen.value : null };
    if (move.note.value.trim()) body.note = move.note.value.trim();
    const r = await api('POST', '/api/actions/' + encodeURIComponent(x.id) + '/stage', body);
    if (r.status === 200) {
      notify('Saved: ' + stageWords(r.body.stage) + '. Walls and kiosks show it now.');
      load();
    } else {
      showProblem(move, r.body, { stage: prefix + 'stage', note: prefix + 'note' });
    }
  });
  return move;
}

// "Did it help?": once a change is done, one action asks it at the change's kiosks until a day.
/** The change's picture, shown beside its words on kiosks and walls: add, replace or take off. */
function pictureForm(x) {
  const id = 'picture-' + x.id;
  const input = el('input', { class: 'govuk-file-upload', id, name: 'picture', type: 'file', accept: 'image/png,image/jpeg' });
  const group = el(
    'div',
    { class: 'govuk-form-group' },
    x.picture ? el('img', { class: 'chorus-change-picture', src: x.picture, alt: '' }) : null,
    el('label', { class: 'govuk-label govuk-label--s', for: id, text: x.picture ? 'A new picture' : 'A picture (optional)' }),
    el('div', { class: 'govuk-hint', text: 'A photo or drawing of the change, PNG or JPEG, up to 5 MB.' }),
    input,
  );
  const send = el(
    'button',
    {
      type: 'button',
      class: 'govuk-button govuk-button--secondary',
      onclick: async () => {
        const file = input.files[0];
        if (!file) return;
        const r = await api('PUT', '/api/actions/' + encodeURIComponent(x.id) + '/picture', file);
        if (r.status === 200) {
          notify('Picture added: kiosks and walls show it now.');
          load();
        } else {
          showProblem(group, r.body, { body: id });
        }
      },
    },
    x.picture ? 'Replace the picture' : 'Add the picture',
    el('span', { class: 'govuk-visually-hidden', text: ': ' + x.weDid }),
  );
  const remove = x.picture
    ? el(
        'button',
        {
          type: 'button',
          class: 'govuk-button govuk-button--warning',
          onclick: async () => {
            await api('DELETE', '/api/actions/' + encodeURIComponent(x.id) + '/picture');
            notify('Picture taken off.');
            load();
          },
        },
        'Take the picture off',
        el('span', { class: 'govuk-visually-hidden', text: ': ' + x.weDid }),
      )
    : null;
  return el('div', { class: 'chorus-picture' }, group, el('div', { class: 'govuk-button-group' }, send, remove));
}

function didItHelp(x) {
  if (x.didItHelp) {
    const h = x.didItHelp;
    return el(
      'div',
      { class: 'govuk-inset-text', 'data-did-it-help': h.promptId },
      el('p', { class: 'govuk-body govuk-!-font-weight-bold', text: 'Did it help? ' + h.total + ' answer(s) so far' }),
      el(
        'ul',
        { class: 'govuk-list' },
        h.answers.map((a) => el('li', { text: a.label + ': ' + a.count })),
      ),
    );
  }
  if (x.stage !== 'done') {
    return null;
  }
  const id = 'help-' + x.id + '-until';
  const until = new Date(Date.now() + 14 * 86400000).toISOString().slice(0, 10);
  const ask = el(
    'form',
    { novalidate: true, 'data-ask': x.id },
    el(
      'div',
      { class: 'govuk-form-group' },
      el('label', { class: 'govuk-label govuk-label--s', for: id, text: 'Ask at its kiosks: is it better now? Until' }),
      el('input', { class: 'govuk-input govuk-input--width-10', id, name: 'until', type: 'date', value: until }),
    ),
    el(
      'button',
      { type: 'submit', class: 'govuk-button govuk-button--secondary' },
      'Ask whether it helped',
      el('span', { class: 'govuk-visually-hidden', text: ': ' + x.weDid }),
    ),
  );
  ask.addEventListener('submit', async (event) => {
    event.preventDefault();
    const r = await api('POST', '/api/actions/' + encodeURIComponent(x.id) + '/did-it-help', {
      until: ask.until.value ? ask.until.value + 'T23:59' : null,
    });
    if (r.status === 201) {
      notify('Asked: its kiosks ask "Is it better now?" until ' + ask.until.value + '.');
      load();
    } else {
      showProblem(ask, r.body, { until: id });
    }
  });
  return ask;
}

async function load() {
  const [p, s, a, c] = await Promise.all([
    api('GET', '/api/prompts'),
    api('GET', '/api/sites'),
    api('GET', '/api/actions'),
    api('GET', '/api/comments?status=approved&limit=20'),
  ]);
  sites = s.body || [];
  form.promptId.replaceChildren(
    el('option', { value: '', text: 'Not about one question' }),
    ...(p.body || []).map((x) => el('option', { value: x.id, text: x.text })),
  );
  document
    .getElementById('site-boxes')
    .replaceChildren(
      ...sites.map((x) =>
        el(
          'div',
          { class: 'govuk-checkboxes__item' },
          el('input', { class: 'govuk-checkboxes__input', id: 'site-' + x.id, name: 'site', type: 'checkbox', value: x.id }),
          el('label', { class: 'govuk-label govuk-checkboxes__label', for: 'site-' + x.id, text: x.name }),
        ),
      ),
    );
  const approved = c.body || [];
  document
    .getElementById('comment-boxes')
    .replaceChildren(
      ...(approved.length === 0
        ? [el('p', { class: 'govuk-body', text: 'No approved comments yet.' })]
        : approved.map((x) =>
            el(
              'div',
              { class: 'govuk-checkboxes__item' },
              el('input', { class: 'govuk-checkboxes__input', id: 'comment-' + x.id, name: 'comment', type: 'checkbox', value: x.id }),
              el('label', { class: 'govuk-label govuk-checkboxes__label', for: 'comment-' + x.id, text: '\u201C' + x.text + '\u201D' }),
            ),
          )),
    );
  document.getElementById('stage-radios').replaceChildren(...radios('stage', 'stage-', 'heard'));
  const names = new Map(sites.map((x) => [x.id, x.name]));
  const posts = a.body || [];
  document.getElementById('posts').replaceChildren(
    ...(posts.length === 0
      ? [el('p', { class: 'govuk-body', text: 'Nothing yet.' })]
      : posts.map((x) =>
          el(
            'div',
            { class: 'govuk-summary-card', 'data-action-id': x.id, 'data-stage': x.stage },
            el(
              'div',
              { class: 'govuk-summary-card__title-wrapper' },
              el('h3', {
                class: 'govuk-summary-card__title',
                text:
                  (x.siteIds.length ? x.siteIds.map((i) => names.get(i) || i).join(', ') : 'Every site') + ', posted ' + when(x.postedAt),
              }),
            ),
            el(
              'div',
              { class: 'govuk-summary-card__content' },
              x.youSaid ? el('p', { class: 'govuk-body', text: 'You said: ' + x.youSaid }) : null,
              el('p', { class: 'govuk-body govuk-!-font-weight-bold', text: 'We did: ' + x.weDid }),
              x.easyRead ? el('p', { class: 'govuk-body', text: 'In easy-read words: ' + x.easyRead }) : null,
              Object.keys(x.translations || {}).length
                ? el('p', { class: 'govuk-body-s', text: 'Also in: ' + Object.keys(x.translations).join(', ') + '.' })
                : null,
              stageSteps(x.stage, x.stageNote),
              pictureForm(x),
              x.commentIds.length
                ? el('p', { class: 'govuk-body-s', text: 'Raised by ' + x.commentIds.length + ' approved comment(s).' })
                : null,
              history(x),
              didItHelp(x),
              moveForm(x),
              el(
                'button',
                {
                  type: 'button',
                  class: 'govuk-button govuk-button--secondary',
                  onclick: async () => {
                    await api('DELETE', '/api/actions/' + encodeURIComponent(x.id));
                    notify('Taken down.');
                    load();
                  },
                },
                'Take down',
                el('span', { class: 'govuk-visually-hidden', text: ': ' + x.weDid }),
              ),
            ),
          ),
        )),
  );
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = {
    weDid: form.weDid.value.trim(),
    siteIds: [...form.querySelectorAll('input[name="site"]:checked')].map((c) => c.value),
    commentIds: [...form.querySelectorAll('input[name="comment"]:checked')].map((c) => c.value),
  };
  if (form.youSaid.value.trim()) body.youSaid = form.youSaid.value.trim();
  if (form.easyRead.value.trim()) body.easyRead = form.easyRead.value.trim();
  const language = form.translationLanguage.value.trim();
  if (language) {
    const words = { weDid: form.translationWeDid.value.trim() };
    if (form.translationYouSaid.value.trim()) words.youSaid = form.translationYouSaid.value.trim();
    if (form.translationEasyRead.value.trim()) words.easyRead = form.translationEasyRead.value.trim();
    body.translations = { [language]: words };
  }
  if (form.promptId.value) body.promptId = form.promptId.value;
  if (form.saidFrom.value) body.saidFrom = form.saidFrom.value;
  if (form.saidTo.value) body.saidTo = form.saidTo.value;
  const stage = form.querySelector('input[name="stage"]:checked');
  if (stage) body.stage = stage.value;
  const r = await api('POST', '/api/actions', body);
  if (r.status === 201) {
    clearErrors(form);
    form.reset();
    notify('Posted: walls and kiosks show it now.');
    load();
  } else {
    showProblem(form, r.body, {
      weDid: 'weDid',
      youSaid: 'youSaid',
      easyRead: 'easyRead',
      translations: 'translationLanguage',
      ['translations.' + language]: 'translationLanguage',
      ['translations.' + language + '.weDid']: 'translationWeDid',
      ['translations.' + language + '.youSaid']: 'translationYouSaid',
      ['translations.' + language + '.easyRead']: 'translationEasyRead',
      promptId: 'promptId',
      stage: 'stage',
      saidFrom: 'saidFrom',
      saidTo: 'saidTo',
      commentIds: 'commentIds',
    });
  }
});

await signedIn();
await load();
