import { api, el, notify, showProblem, clearErrors, signedIn, when } from '/console/console.js';

const form = document.getElementById('start-vote');
const SLOTS = 4;

function candidateFields() {
  return Array.from({ length: SLOTS }, (_, i) =>
    el(
      'fieldset',
      { class: 'govuk-fieldset govuk-!-margin-bottom-4', id: 'candidates[' + i + ']' },
      el('legend', {
        class: 'govuk-fieldset__legend govuk-fieldset__legend--s',
        text: 'Question ' + (i + 1) + (i < 2 ? '' : ' (optional)'),
      }),
      el(
        'div',
        { class: 'govuk-form-group' },
        el('label', { class: 'govuk-label', for: 'text-' + i, text: 'The question' }),
        el('input', { class: 'govuk-input', id: 'text-' + i, name: 'text', type: 'text', maxlength: '140' }),
      ),
      el(
        'div',
        { class: 'govuk-form-group' },
        el('label', { class: 'govuk-label', for: 'label-' + i, text: 'A short name under its picture' }),
        el('input', { class: 'govuk-input govuk-input--width-20', id: 'label-' + i, name: 'label', type: 'text', maxlength: '40' }),
      ),
      el(
        'div',
        { class: 'govuk-form-group' },
        el('label', { class: 'govuk-label', for: 'symbol-' + i, text: 'Its picture (an emoji)' }),
        el('input', { class: 'govuk-input govuk-input--width-4', id: 'symbol-' + i, name: 'symbol', type: 'text', maxlength: '16' }),
      ),
    ),
  );
}

function tally(v) {
  return el(
    'table',
    { class: 'govuk-table' },
    el('caption', { class: 'govuk-table__caption govuk-table__caption--s', text: v.total + ' choice(s) so far' }),
    el(
      'thead',
      { class: 'govuk-table__head' },
      el(
        'tr',
        { class: 'govuk-table__row' },
        ['Question', 'On their own', 'With support', 'All'].map((h) => el('th', { scope: 'col', class: 'govuk-table__header', text: h })),
      ),
    ),
    el(
      'tbody',
      { class: 'govuk-table__body' },
      v.candidates.map((c) =>
        el(
          'tr',
          { class: 'govuk-table__row', 'data-candidate': c.key },
          el(
            'th',
            { scope: 'row', class: 'govuk-table__header' },
            el('span', { class: 'chorus-symbol', 'aria-hidden': 'true', text: c.symbol + ' ' }),
            c.text,
          ),
          el('td', { class: 'govuk-table__cell', text: String(c.independent) }),
          el('td', { class: 'govuk-table__cell', text: String(c.supported) }),
          el('td', { class: 'govuk-table__cell', text: String(c.count) }),
        ),
      ),
    ),
  );
}

function decide(v) {
  if (v.winner) {
    const w = v.candidates.find((c) => c.key === v.winner.candidate);
    return el('p', {
      class: 'govuk-body govuk-!-font-weight-bold',
      text: 'Chosen: ' + (w ? w.text : v.winner.candidate) + ', live since ' + when(v.winner.decidedAt) + '.',
    });
  }
  return el(
    'div',
    { class: 'govuk-button-group' },
    v.candidates.map((c) =>
      el(
        'button',
        {
          type: 'button',
          class: 'govuk-button govuk-button--secondary',
          onclick: async () => {
            const r = await api('POST', '/api/votes/' + encodeURIComponent(v.id) + '/winner', { candidate: c.key });
            notify(r.status === 201 ? 'Live now: ' + c.text : (r.body && r.body.detail) || 'That did not work.');
            load();
          },
        },
        'Put live: ' + c.label,
      ),
    ),
  );
}

async function load() {
  const [s, votes] = await Promise.all([api('GET', '/api/sites'), api('GET', '/api/votes')]);
  const sites = s.body || [];
  const names = new Map(sites.map((x) => [x.id, x.name]));
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
  const all = votes.body || [];
  document.getElementById('votes').replaceChildren(
    ...(all.length === 0
      ? [el('p', { class: 'govuk-body', text: 'No votes yet.' })]
      : all.map((v) =>
          el(
            'div',
            { class: 'govuk-summary-card', 'data-vote-id': v.id },
            el(
              'div',
              { class: 'govuk-summary-card__title-wrapper' },
              el('h3', {
                class: 'govuk-summary-card__title',
                text:
                  (v.siteIds.length ? v.siteIds.map((i) => names.get(i) || i).join(', ') : 'Every site') + ', started ' + when(v.createdAt),
              }),
            ),
            el('div', { class: 'govuk-summary-card__content' }, tally(v), decide(v)),
          ),
        )),
  );
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const candidates = [];
  for (let i = 0; i < SLOTS; i++) {
    const text = form.querySelector('#text-' + i).value.trim();
    const label = form.querySelector('#label-' + i).value.trim();
    const symbol = form.querySelector('#symbol-' + i).value.trim();
    if (text || label || symbol) candidates.push({ text, label, symbol });
  }
  const body = {
    candidates,
    siteIds: [...form.querySelectorAll('input[name="site"]:checked')].map((c) => c.value),
    until: form.until.value ? form.until.value + 'T23:59' : null,
  };
  const r = await api('POST', '/api/votes', body);
  if (r.status === 201) {
    clearErrors(form);
    form.reset();
    notify('Asking now at the kiosks.');
    load();
  } else {
    const fields = { candidates: 'candidates[0]', siteIds: 'siteIds', until: 'until' };
    for (let i = 0; i < SLOTS; i++) {
      fields['candidates[' + i + ']'] = 'candidates[' + i + ']';
      for (const f of ['text', 'label', 'symbol']) fields['candidates[' + i + '].' + f] = f + '-' + i;
    }
    showProblem(form, r.body, fields);
  }
});

document.getElementById('candidates').replaceChildren(...candidateFields());
await signedIn();
await load();
