import { api, el, showProblem, clearErrors, signedIn, when } from '/console/console.js';

const form = document.getElementById('filter');

function query() {
  const q = new URLSearchParams({ limit: '500' });
  if (form.actor.value.trim()) q.set('actor', form.actor.value.trim());
  if (form.target.value.trim()) q.set('target', form.target.value.trim());
  return q;
}

async function load() {
  const r = await api('GET', '/api/audit?' + query());
  const slot = document.getElementById('entries');
  if (r.status !== 200) {
    showProblem(form, r.body, { actor: 'actor', target: 'target' });
    return;
  }
  clearErrors(form);
  const entries = r.body || [];
  slot.replaceChildren(
    entries.length === 0
      ? el('p', { class: 'govuk-body', text: 'Nothing yet.' })
      : el(
          'table',
          { class: 'govuk-table' },
          el('caption', { class: 'govuk-table__caption govuk-table__caption--m', text: entries.length + ' entries, newest first' }),
          el(
            'thead',
            { class: 'govuk-table__head' },
            el(
              'tr',
              { class: 'govuk-table__row' },
              ['When', 'Who', 'From', 'What', 'On', 'Summary'].map((h) =>
                el('th', { scope: 'col', class: 'govuk-table__header', text: h }),
              ),
            ),
          ),
          el(
            'tbody',
            { class: 'govuk-table__body' },
            entries.map((e) =>
              el(
                'tr',
                { class: 'govuk-table__row' },
                el('td', { class: 'govuk-table__cell', text: when(e.at) }),
                el('td', { class: 'govuk-table__cell', text: e.actor }),
                el('td', { class: 'govuk-table__cell', text: e.address || '' }),
                el('td', { class: 'govuk-table__cell', text: e.action }),
                el('td', { class: 'govuk-table__cell chorus-id', text: e.targetId || '' }),
                el('td', { class: 'govuk-table__cell', text: e.summary || '' }),
              ),
            ),
          ),
        ),
  );
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});

// The CSV comes through the API (so the session's credentials go with it) and is saved as a file.
document.getElementById('csv').addEventListener('click', async () => {
  const r = await fetch('/api/audit?' + query(), { credentials: 'same-origin', headers: { Accept: 'text/csv' } });
  if (!r.ok) return;
  const link = el('a', { href: URL.createObjectURL(await r.blob()), download: 'chorus-audit.csv' });
  document.body.append(link);
  link.click();
  link.remove();
});

await signedIn();
await load();
