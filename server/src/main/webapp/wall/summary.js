import { api, el, signedIn } from '/console/console.js';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const params = new URLSearchParams(location.search);
const siteId = params.get('site');
const monthInput = document.getElementById('month');
monthInput.value = params.get('month') || new Date().toISOString().substring(0, 7);

function period(month) {
  const [y, m] = month.split('-').map(Number);
  return { from: new Date(Date.UTC(y, m - 1, 1)).toISOString(), until: new Date(Date.UTC(y, m, 1)).toISOString() };
}

function bar(n, max) {
  const b = el('span', { class: 'chorus-bar', 'aria-hidden': 'true' });
  b.style.width = Math.round((160 * n) / Math.max(1, max)) + 'px';
  return b;
}

function table(id, caption, head, rows) {
  fill(document.getElementById(id), caption, head, rows);
}

function fill(t, caption, head, rows) {
  const max = Math.max(0, ...rows.map((r) => r[1]));
  t.replaceChildren(
    el('caption', { class: 'govuk-table__caption govuk-table__caption--s', text: caption }),
    el(
      'thead',
      { class: 'govuk-table__head' },
      el(
        'tr',
        { class: 'govuk-table__row' },
        head.map((h) => el('th', { scope: 'col', class: 'govuk-table__header', text: h })),
      ),
    ),
    el(
      'tbody',
      { class: 'govuk-table__body' },
      rows.map(([label, n]) =>
        el(
          'tr',
          { class: 'govuk-table__row' },
          el('th', { scope: 'row', class: 'govuk-table__header', text: label }),
          el('td', { class: 'govuk-table__cell' }, bar(n, max), String(n)),
        ),
      ),
    ),
  );
}

async function load() {
  const { from, until } = period(monthInput.value);
  const q = (by, extra = '') =>
    api('GET', '/api/stats?by=' + by + '&site=' + encodeURIComponent(siteId) + '&from=' + from + '&until=' + until + extra);
  const [site, byPrompt, byWeekday, byHour, comments, actions] = await Promise.all([
    api('GET', '/api/sites/' + encodeURIComponent(siteId)),
    q('prompt'),
    q('weekday'),
    q('hour'),
    api('GET', '/api/comments?status=approved&site=' + encodeURIComponent(siteId)),
    api('GET', '/api/actions'),
  ]);
  const monthName = new Date(from).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const name = site.body ? site.body.name : 'Unknown site';
  document.title = name + ', ' + monthName + ' - Chorus summary';
  document.getElementById('title').textContent = name + ': ' + monthName;
  document.getElementById('headline').textContent = byPrompt.body.total + ' answers this month.';
  const blocks = [];
  for (const row of byPrompt.body.rows) {
    const [p, byOption] = await Promise.all([
      api('GET', '/api/prompts/' + encodeURIComponent(row.key)),
      q('option', '&prompt=' + encodeURIComponent(row.key)),
    ]);
    const labels = new Map(((p.body && p.body.options) || []).map((o) => [o.key, o.label]));
    const t = el('table', { class: 'govuk-table' });
    fill(
      t,
      (p.body ? p.body.text : 'A question') + ' (' + row.count + ' answers)',
      ['Answer', 'How many'],
      byOption.body.rows.map((r) => [labels.get(r.key) || r.key, r.count]),
    );
    blocks.push(t);
  }
  document.getElementById('answers').replaceChildren(...blocks);
  table(
    'weekdays',
    'By day of the week',
    ['Day', 'Answers'],
    DAYS.map((d, i) => [d, (byWeekday.body.rows.find((r) => r.key === String(i + 1)) || { count: 0 }).count]),
  );
  table(
    'hours',
    'By hour of the day',
    ['Hour', 'Answers'],
    byHour.body.rows.map((r) => [r.key + ':00', r.count]),
  );
  const inMonth = (t) => t >= from && t < until;
  const said = (comments.body || []).filter((c) => inMonth(c.pressedAt)).slice(0, 6);
  document
    .getElementById('comments')
    .replaceChildren(
      ...(said.length
        ? said.map((c) => el('li', {}, el('q', { text: c.text })))
        : [el('li', { text: 'No approved comments this month.' })]),
    );
  const did = (actions.body || []).filter((a) => inMonth(a.postedAt) && (a.siteIds.length === 0 || a.siteIds.includes(siteId)));
  document
    .getElementById('actions')
    .replaceChildren(
      ...(did.length
        ? did.map((a) => el('li', {}, a.youSaid ? 'You said: ' + a.youSaid + '. ' : '', el('strong', { text: 'We did: ' + a.weDid })))
        : [el('li', { text: 'Nothing posted this month.' })]),
    );
  document.getElementById('made').textContent =
    'Made ' + new Date().toLocaleString('en-GB') + ' from Chorus. Comments are shown only after staff approved them.';
}

document.getElementById('print').addEventListener('click', () => window.print());
monthInput.addEventListener('change', () => {
  history.replaceState(null, '', '?site=' + encodeURIComponent(siteId) + '&month=' + monthInput.value);
  load();
});
await signedIn();
await load();
