import { showProblem } from '/console/console.js';

const form = document.getElementById('login');

// Where an identity provider is set up, offer it beside the password.
fetch('/api/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
  .then((r) => r.json())
  .then((p) => {
    if (p && p.identityProvider) document.getElementById('identity-provider').hidden = false;
  })
  .catch(() => {});
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const r = await fetch('/api/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username: form.username.value.trim(), password: form.password.value }),
  });
  if (r.ok) {
    const next = new URLSearchParams(location.search).get('next') || '';
    // Only ever back into the console: never to an address someone else put in the link.
    location.assign(/^\/console\/[A-Za-z0-9_.\-/?=&%]*$/.test(next) ? next : '/console/');
    return;
  }
  const problem = await r.json().catch(() => null);
  showProblem(form, r.status === 401 ? { detail: 'The user name or password is not right.' } : problem, {
    username: 'username',
    password: 'password',
  });
  form.password.value = '';
});
