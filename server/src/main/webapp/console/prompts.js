import { api, el, notify, showProblem, clearErrors, signedIn } from '/console/console.js';

const DEFAULT_COLOURS = ['#1d7a3a', '#5f9e2f', '#b58900', '#c4661f', '#b3261e'];
const form = document.getElementById('editor');
const choose = document.getElementById('prompt-choice');
let current = null; // the prompt being edited, or null for a new one
let all = [];

function optionRow(o, i, kind) {
  const id = (name) => (kind === 'options' ? 'options-' : 'followUp-choices-') + i + '-' + name;
  const field = (name, label, input) =>
    el('div', { class: 'govuk-form-group' }, el('label', { class: 'govuk-label', for: id(name), text: label }), input);
  const children = [
    field(
      'label',
      (kind === 'options' ? 'Answer ' : 'Choice ') + (i + 1),
      el('input', {
        class: 'govuk-input govuk-input--width-10',
        id: id('label'),
        'data-part': 'label',
        type: 'text',
        maxlength: 200,
        value: o.label || '',
      }),
    ),
    field(
      'icon',
      'Symbol',
      el('input', {
        class: 'govuk-input govuk-input--width-3',
        id: id('icon'),
        'data-part': 'icon',
        type: 'text',
        maxlength: 16,
        value: o.icon || '',
      }),
    ),
    field(
      'key',
      'Key (stored with answers)',
      el('input', {
        class: 'govuk-input govuk-input--width-10',
        id: id('key'),
        'data-part': 'key',
        type: 'text',
        maxlength: 32,
        spellcheck: 'false',
        value: o.key || '',
      }),
    ),
  ];
  if (kind === 'options') {
    children.push(
      field(
        'colour',
        'Colour',
        el('input', {
          class: 'govuk-input govuk-input--width-4',
          id: id('colour'),
          'data-part': 'colour',
          type: 'color',
          value: o.colour || DEFAULT_COLOURS[i % 5],
        }),
      ),
    );
    const button = el(
      'select',
      { class: 'govuk-select', id: id('button'), 'data-part': 'button' },
      [1, 2, 3, 4, 5].map((n) => el('option', { value: String(n), text: 'Button ' + n })),
    );
    button.value = String(o.button || i + 1);
    children.push(field('button', 'Mood button', button));
  }
  children.push(
    el(
      'button',
      {
        type: 'button',
        class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0',
        onclick: (e) => {
          e.target.closest('.chorus-option-row').remove();
          renumber();
          preview();
        },
      },
      'Remove',
      el('span', { class: 'govuk-visually-hidden', text: ' ' + (kind === 'options' ? 'answer ' : 'choice ') + (i + 1) }),
    ),
  );
  return el('div', { class: 'chorus-option-row', 'data-kind': kind }, children);
}

function renumber() {
  ['options', 'choices'].forEach((list) => {
    const rows = [...document.getElementById(list).children];
    const kind = list === 'options' ? 'options' : 'choices';
    const values = rows.map(readRow);
    document.getElementById(list).replaceChildren(...values.map((v, i) => optionRow(v, i, kind)));
  });
  translationsFor();
}

function readRow(row) {
  const v = {};
  row.querySelectorAll('[data-part]').forEach((input) => {
    const value = input.value.trim();
    if (value !== '') v[input.dataset.part] = input.dataset.part === 'button' ? Number(value) : value;
  });
  return v;
}

function keyFrom(label, i) {
  const k = (label || '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .substring(0, 32);
  return k || 'answer-' + (i + 1);
}

function translationBlock(lang, t) {
  const block = el(
    'div',
    { class: 'chorus-option-row', 'data-translation': '' },
    el(
      'div',
      { class: 'govuk-form-group' },
      el('label', { class: 'govuk-label', text: 'Language code (for example cy, pl, ur)' }),
      el('input', { class: 'govuk-input govuk-input--width-5', 'data-t': 'lang', type: 'text', maxlength: 16, value: lang || '' }),
    ),
    el(
      'div',
      { class: 'govuk-form-group' },
      el('label', { class: 'govuk-label', text: 'Question in this language' }),
      el('input', { class: 'govuk-input', 'data-t': 'text', type: 'text', maxlength: 140, value: (t && t.text) || '' }),
    ),
    el('div', { 'data-t-labels': '' }),
    el(
      'button',
      {
        type: 'button',
        class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0',
        onclick: (e) => {
          e.target.closest('[data-translation]').remove();
        },
      },
      'Remove language',
    ),
  );
  block.querySelectorAll('label').forEach((label, n) => {
    const input = label.nextElementSibling;
    input.id = 'tr-' + Math.random().toString(36).slice(2) + '-' + n;
    label.setAttribute('for', input.id);
  });
  block.dataset.labels = JSON.stringify((t && t.options) || {});
  return block;
}

/** Gives each language block one label field per answer key. */
function translationsFor() {
  const keys = [...document.getElementById('options').children]
    .map(readRow)
    .map((o, i) => ({ key: o.key || keyFrom(o.label, i), label: o.label || '' }));
  document.querySelectorAll('[data-translation]').forEach((block) => {
    const kept = JSON.parse(block.dataset.labels || '{}');
    block.querySelectorAll('[data-t-label]').forEach((i) => {
      if (i.value.trim()) kept[i.dataset.tLabel] = i.value.trim();
    });
    block.dataset.labels = JSON.stringify(kept);
    block.querySelector('[data-t-labels]').replaceChildren(
      ...keys.map((k) => {
        const id = 'tl-' + Math.random().toString(36).slice(2);
        return el(
          'div',
          { class: 'govuk-form-group' },
          el('label', { class: 'govuk-label', for: id, text: 'Answer "' + k.label + '" in this language' }),
          el('input', {
            class: 'govuk-input govuk-input--width-10',
            id,
            'data-t-label': k.key,
            type: 'text',
            maxlength: 200,
            value: kept[k.key] || '',
          }),
        );
      }),
    );
  });
}

/** The prompt as the form describes it, in the API's shape. */
function readForm() {
  const options = [...document.getElementById('options').children]
    .map(readRow)
    .map((o, i) => ({ ...o, key: o.key || keyFrom(o.label, i) }));
  const kind = form.querySelector('input[name="fu"]:checked').value;
  let followUp = null;
  if (kind !== 'none') {
    followUp = { kind, text: document.getElementById('followUp-text').value.trim() };
    if (kind === 'choice')
      followUp.choices = [...document.getElementById('choices').children]
        .map(readRow)
        .map((o, i) => ({ ...o, key: o.key || keyFrom(o.label, i) }));
  }
  const body = { text: form.text.value.trim(), options, followUp };
  const easyRead = {};
  ['symbol', 'readAloud', 'image'].forEach((p) => {
    const v = document.getElementById('easyRead-' + p).value.trim();
    if (v) easyRead[p] = v;
  });
  if (Object.keys(easyRead).length) body.easyRead = easyRead;
  const translations = {};
  document.querySelectorAll('[data-translation]').forEach((block) => {
    const lang = block.querySelector('[data-t="lang"]').value.trim();
    if (!lang) return;
    const t = { text: block.querySelector('[data-t="text"]').value.trim() };
    const labels = {};
    block.querySelectorAll('[data-t-label]').forEach((i) => {
      if (i.value.trim()) labels[i.dataset.tLabel] = i.value.trim();
    });
    if (Object.keys(labels).length) t.options = labels;
    translations[lang] = t;
  });
  if (Object.keys(translations).length) body.translations = translations;
  return body;
}

function fill(p) {
  current = p;
  clearErrors(form);
  document.getElementById('editor-title').textContent = p ? 'Edit: ' + p.text + ' (version ' + p.version + ')' : 'New prompt';
  form.text.value = p ? p.text : '';
  const options = p
    ? p.options
    : [
        { label: 'Good', icon: '\u{1F642}' },
        { label: 'Not good', icon: '\u{1F641}' },
      ];
  document.getElementById('options').replaceChildren(...options.map((o, i) => optionRow(o, i, 'options')));
  const fu = p && p.followUp;
  form.querySelector('#fu-' + (fu ? fu.kind : 'none')).checked = true;
  document.getElementById('followUp-text').value = fu ? fu.text : '';
  document.getElementById('choices').replaceChildren(...((fu && fu.choices) || []).map((o, i) => optionRow(o, i, 'choices')));
  ['symbol', 'readAloud', 'image'].forEach((part) => {
    document.getElementById('easyRead-' + part).value = (p && p.easyRead && p.easyRead[part]) || '';
  });
  document
    .getElementById('translations')
    .replaceChildren(...Object.entries((p && p.translations) || {}).map(([lang, t]) => translationBlock(lang, t)));
  translationsFor();
  document.getElementById('archive').hidden = !p;
  preview();
}

/** Draws the kiosk screen as a visitor would see it, from what the form holds now. */
function preview() {
  const p = readForm();
  const count = document.getElementById('text-count');
  count.textContent = 'You have ' + (140 - p.text.length) + ' characters left';
  document.getElementById('followUp-details').hidden = !p.followUp;
  document.getElementById('choices').hidden = document.getElementById('add-choice').hidden = !(p.followUp && p.followUp.kind === 'choice');
  const options = [...p.options].sort((a, b) => (a.button || 9) - (b.button || 9));
  document.getElementById('preview').replaceChildren(
    p.easyRead && p.easyRead.symbol ? el('div', { class: 'chorus-preview__symbol', 'aria-hidden': 'true', text: p.easyRead.symbol }) : '',
    el('p', { class: 'chorus-preview__question', id: 'preview-question', text: p.text || 'Your question' }),
    el(
      'div',
      { class: 'chorus-preview__options' },
      options.map((o) => {
        const b = el(
          'div',
          { class: 'chorus-preview__option', 'data-preview-option': o.key },
          el('span', { class: 'chorus-preview__icon', 'aria-hidden': 'true', text: o.icon || '' }),
          el('span', { class: 'chorus-preview__label', text: o.label || '' }),
          el('span', { class: 'chorus-preview__button', text: 'button ' + (o.button || '?') }),
        );
        b.style.backgroundColor = /^#[0-9a-fA-F]{6}$/.test(o.colour || '') ? o.colour : '#505a5f';
        return b;
      }),
    ),
    p.followUp
      ? el(
          'div',
          { class: 'chorus-preview__followup' },
          el('p', { class: 'govuk-body govuk-!-font-weight-bold', text: 'Then: ' + (p.followUp.text || '...') }),
          p.followUp.kind === 'choice'
            ? el(
                'ul',
                { class: 'govuk-list govuk-list--bullet' },
                (p.followUp.choices || []).map((c) => el('li', { text: (c.icon ? c.icon + ' ' : '') + (c.label || '') })),
              )
            : el('p', { class: 'govuk-body', text: 'An on-screen keyboard for a short comment.' }),
        )
      : '',
  );
}

async function loadList(selectId) {
  const r = await api('GET', '/api/prompts');
  all = r.body || [];
  choose.replaceChildren(
    el('option', { value: '', text: 'A new prompt' }),
    ...all.map((p) => el('option', { value: p.id, 'data-prompt-id': p.id, text: p.text + ' (version ' + p.version + ')' })),
  );
  choose.value = selectId || '';
}

choose.addEventListener('change', () => {
  const p = all.find((x) => x.id === choose.value) || null;
  history.replaceState(null, '', p ? '?id=' + encodeURIComponent(p.id) : location.pathname);
  fill(p);
});
form.addEventListener('input', () => {
  preview();
});
form.addEventListener('change', (e) => {
  if (e.target.closest('#options')) translationsFor();
  preview();
});
document.getElementById('add-option').addEventListener('click', () => {
  const list = document.getElementById('options');
  if (list.children.length < 5) list.append(optionRow({}, list.children.length, 'options'));
  translationsFor();
  preview();
});
document.getElementById('add-choice').addEventListener('click', () => {
  const list = document.getElementById('choices');
  if (list.children.length < 6) list.append(optionRow({}, list.children.length, 'choices'));
  preview();
});
document.getElementById('add-translation').addEventListener('click', () => {
  document.getElementById('translations').append(translationBlock('', null));
  translationsFor();
});
document.getElementById('archive').addEventListener('click', async () => {
  if (!current || !confirm('Take "' + current.text + '" off every kiosk? A prompt that was live is archived, with its answers kept.'))
    return;
  const r = await api('DELETE', '/api/prompts/' + encodeURIComponent(current.id));
  notify(r.status === 204 ? 'Prompt deleted.' : 'Prompt archived; its answers are kept.');
  await loadList('');
  fill(null);
});
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = readForm();
  const r = current ? await api('PUT', '/api/prompts/' + encodeURIComponent(current.id), body) : await api('POST', '/api/prompts', body);
  if (r.status === 200 || r.status === 201) {
    notify('Saved as version ' + r.body.version + '. Kiosks showing it have the new version now.');
    await loadList(r.body.id);
    fill(all.find((x) => x.id === r.body.id) || r.body);
  } else {
    showProblem(form, r.body, {
      text: 'text',
      options: 'options-0-label',
      'followUp.text': 'followUp-text',
      'followUp.choices': 'add-choice',
      'easyRead.image': 'easyRead-image',
      'easyRead.symbol': 'easyRead-symbol',
    });
  }
});

await signedIn();
const wanted = new URLSearchParams(location.search).get('id');
await loadList(wanted);
fill(all.find((x) => x.id === wanted) || null);
