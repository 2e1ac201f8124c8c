import { api, showProblem, clearErrors, signedIn, notify, when } from '/console/console.js';

const form = document.getElementById('statement');
const kind = document.getElementById('kind');

function show(s) {
  form.markdown.value = s.markdown;
  document.getElementById('status').textContent = s.custom
    ? 'Your own words, last changed ' + when(s.updatedAt) + '.'
    : "Chorus's default words: fill in the places in square brackets.";
  document.getElementById('view').href = s.page;
  document.getElementById('reset').disabled = !s.custom;
}

async function load() {
  clearErrors(form);
  const r = await api('GET', '/api/statements/' + kind.value);
  if (r.status === 200) show(r.body);
  else showProblem(form, r.body);
}

kind.addEventListener('change', load);

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const r = await api('PUT', '/api/statements/' + kind.value, { markdown: form.markdown.value });
  if (r.status !== 200) {
    showProblem(form, r.body, { markdown: 'markdown' });
    return;
  }
  clearErrors(form);
  show(r.body);
  notify('Saved. The page shows your words now.');
});

document.getElementById('reset').addEventListener('click', async () => {
  const r = await api('DELETE', '/api/statements/' + kind.value);
  if (r.status !== 200) {
    showProblem(form, r.body);
    return;
  }
  show(r.body);
  notify("The page shows Chorus's words again.");
});

await signedIn();
await load();
