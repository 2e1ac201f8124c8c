import { api, showProblem, clearErrors, signedIn, notify, when } from '/console/console.js';

const form = document.getElementById('retention');
const FIELDS = ['approvedCommentDays', 'pendingCommentDays', 'hiddenCommentDays', 'pressDetailDays', 'auditDays', 'alertDays'];

function show(s) {
  for (const f of FIELDS) form[f].value = String(s[f]);
  document.getElementById('last').textContent = s.lastRunAt
    ? when(s.lastRunAt) + ': ' + s.lastRunSummary + '.'
    : 'It has not run yet. It runs once a day.';
}

async function load() {
  const r = await api('GET', '/api/retention');
  if (r.status === 200) show(r.body);
  else showProblem(form, r.body);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = {};
  for (const f of FIELDS) {
    const v = form[f].value.trim();
    body[f] = /^\d+$/.test(v) ? Number(v) : v;
  }
  const r = await api('PUT', '/api/retention', body);
  if (r.status !== 200) {
    showProblem(form, r.body);
    return;
  }
  clearErrors(form);
  show(r.body);
  notify('Saved. The next run applies it.');
});

document.getElementById('run').addEventListener('click', async () => {
  const r = await api('POST', '/api/retention/run');
  if (r.status !== 200) {
    showProblem(form, r.body);
    return;
  }
  notify('Done: ' + r.body.summary + '.');
  await load();
});

await signedIn();
await load();
