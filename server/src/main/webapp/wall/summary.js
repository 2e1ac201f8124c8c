import { api, el, signedIn } from '/console/console.js';
import { stageSteps } from '/console/stages.js';

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

function previousMonth(month) {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 2, 1));
  return d.toISOString().substring(0, 7);
}

/**
 * Short plain sentences about one question: what most people said, and which answers more (or
 * fewer) people gave than last month. A change is told only when it is at least 10 points of the
 * share and last month had at least 5 answers, so a handful of presses tells no story.
 */
function sentences(options, counts, earlier) {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return ['Nobody answered this question this month.'];
  const top = Math.max(...options.map((o) => counts.get(o.key) || 0));
  const most = options.filter((o) => (counts.get(o.key) || 0) === top).map((o) => o.label);
  const out = [most.length === 1 ? 'Most people said ' + most[0] + '.' : 'As many people said ' + most.join(' as ') + '.'];
  const before = [...earlier.values()].reduce((a, b) => a + b, 0);
  if (before >= 5) {
    for (const o of options) {
      const now = (counts.get(o.key) || 0) / total;
      const then = (earlier.get(o.key) || 0) / before;
      if (now - then >= 0.1) out.push('More people said ' + o.label + ' than last month.');
      else if (then - now >= 0.1) out.push('Fewer people said ' + o.label + ' than last month.');
    }
  }
  return out;
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
          el('th', { scope: 'row', class: 'govuk-table__header' }, label),
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
  const [site, byPrompt, byWeekday, byHour, comments, actions, follow] = await Promise.all([
    api('GET', '/api/sites/' + encodeURIComponent(siteId)),
    q('prompt'),
    q('weekday'),
    q('hour'),
    api('GET', '/api/comments?status=approved&site=' + encodeURIComponent(siteId)),
    api('GET', '/api/actions'),
    api('GET', '/api/stats/follow-through?site=' + encodeURIComponent(siteId) + '&from=' + from + '&until=' + until),
  ]);
  const monthName = new Date(from).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const name = site.body ? site.body.name : 'Unknown site';
  document.title = name + ', ' + monthName + ' - Chorus summary';
  document.getElementById('title').textContent = name + ': ' + monthName;
  document.getElementById('headline').textContent = byPrompt.body.total + ' answers this month.';
  const blocks = [];
  const last = period(previousMonth(monthInput.value));
  for (const row of byPrompt.body.rows) {
    const [p, byOption, before] = await Promise.all([
      api('GET', '/api/prompts/' + encodeURIComponent(row.key)),
      q('option', '&prompt=' + encodeURIComponent(row.key)),
      api(
        'GET',
        '/api/stats?by=option&site=' +
          encodeURIComponent(siteId) +
          '&prompt=' +
          encodeURIComponent(row.key) +
          '&from=' +
          last.from +
          '&until=' +
          last.until,
      ),
    ]);
    // Options in the prompt's own order, each with its symbol; answers to an option no longer on
    // the prompt come last, by their key.
    const options = (p.body && p.body.options) || [];
    const counts = new Map(byOption.body.rows.map((r) => [r.key, r.count]));
    const earlier = new Map(((before.body && before.body.rows) || []).map((r) => [r.key, r.count]));
    const known = new Set(options.map((o) => o.key));
    const ordered = options
      .map((o) => ({ key: o.key, label: o.label, icon: o.icon || '' }))
      .concat([...counts.keys()].filter((k) => !known.has(k)).map((k) => ({ key: k, label: k, icon: '' })));
    const t = el('table', { class: 'govuk-table chorus-easy-table' });
    fill(
      t,
      (p.body ? p.body.text : 'A question') + ' (' + row.count + ' answers)',
      ['Answer', 'How many'],
      ordered.map((o) => [
        el('span', {}, el('span', { class: 'chorus-symbol', 'aria-hidden': 'true', text: o.icon }), ' ' + o.label),
        counts.get(o.key) || 0,
      ]),
    );
    blocks.push(
      el(
        'ul',
        { class: 'govuk-list chorus-easy-read', 'data-prompt': row.key },
        sentences(ordered, counts, earlier).map((x) => el('li', { text: x })),
      ),
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
  const f = follow.body || { concerns: 0 };
  document.getElementById('follow-through').textContent =
    f.concerns === 0
      ? 'No concerns this month.'
      : f.withChange +
        ' of ' +
        f.concerns +
        (f.concerns === 1 ? ' concern' : ' concerns') +
        ' this month ' +
        (f.withChange === 1 ? 'has' : 'have') +
        ' a change planned or made.' +
        (f.medianDaysToDone === null
          ? ''
          : ' Half of the changes done were done within ' + f.medianDaysToDone + ' days of "we heard you".');
  // Changes for this site posted or moved on during the month, with where each is now.
  const did = (actions.body || []).filter(
    (a) => (a.siteIds.length === 0 || a.siteIds.includes(siteId)) && (inMonth(a.postedAt) || a.history.some((h) => inMonth(h.at))),
  );
  document
    .getElementById('actions')
    .replaceChildren(
      ...(did.length
        ? did.map((a) =>
            el(
              'li',
              { 'data-stage': a.stage },
              a.youSaid ? 'You said: ' + a.youSaid + '. ' : '',
              el('strong', { text: 'We did: ' + a.weDid }),
              stageSteps(a.stage, a.stageNote),
            ),
          )
        : [el('li', { text: 'Nothing posted this month.' })]),
    );
  document.getElementById('made').textContent =
    'Made ' + new Date().toLocaleString('en-GB') + ' from Chorus. Comments are shown only after staff approved them.';
}

document.getElementById('print').addEventListener('click', () => window.print());
// Read aloud: the page's words in order, with the speech the browser has.
document.getElementById('read').addEventListener('click', () => {
  const speech = window.speechSynthesis;
  if (!speech) return;
  speech.cancel();
  for (const e of document.querySelectorAll('#title, #headline, .chorus-easy-read li, #follow-through, #actions li')) {
    const u = new SpeechSynthesisUtterance(e.textContent);
    u.lang = 'en-GB';
    speech.speak(u);
  }
});
monthInput.addEventListener('change', () => {
  history.replaceState(null, '', '?site=' + encodeURIComponent(siteId) + '&month=' + monthInput.value);
  load();
});
await signedIn();
await load();
