import { api, clearErrors, el, notify, showProblem, signedIn, when } from '/console/console.js';

const form = document.getElementById('user');
let siteNames = new Map();
let known = new Set();

async function load() {
  const [u, s] = await Promise.all([api('GET', '/api/users'), api('GET', '/api/sites')]);
  const sites = s.body || [];
  siteNames = new Map(sites.map((x) => [x.id, x.name]));
  document
    .getElementById('site-boxes')
    .replaceChildren(
      ...sites.map((x) =>
        el(
          'div',
          { class: 'govuk-checkboxes__item' },
          el('input', { class: 'govuk-checkboxes__input', id: 'site-' + x.id, type: 'checkbox', value: x.id }),
          el('label', { class: 'govuk-label govuk-checkboxes__label', for: 'site-' + x.id, text: x.name }),
        ),
      ),
    );
  const users = u.body || [];
  known = new Set(users.map((x) => x.username));
  document.getElementById('users').replaceChildren(
    el(
      'table',
      { class: 'govuk-table' },
      el('caption', { class: 'govuk-table__caption govuk-table__caption--m', text: users.length + ' users' }),
      el(
        'thead',
        { class: 'govuk-table__head' },
        el(
          'tr',
          { class: 'govuk-table__row' },
          ['User', 'May', 'Sites', 'Added', ''].map((h) => el('th', { scope: 'col', class: 'govuk-table__header', text: h })),
        ),
      ),
      el(
        'tbody',
        { class: 'govuk-table__body' },
        users.map((x) =>
          el(
            'tr',
            { class: 'govuk-table__row' },
            el('th', { scope: 'row', class: 'govuk-table__header', text: x.username }),
            el('td', { class: 'govuk-table__cell', text: x.roles.join(', ') }),
            el('td', {
              class: 'govuk-table__cell',
              text: x.everySite ? 'every site' : x.sites.map((id) => siteNames.get(id) || id).join(', '),
            }),
            el('td', { class: 'govuk-table__cell', text: when(x.createdAt) }),
            el(
              'td',
              { class: 'govuk-table__cell' },
              el(
                'button',
                {
                  type: 'button',
                  class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-right-1',
                  onclick: () => edit(x),
                },
                'Change',
                el('span', { class: 'govuk-visually-hidden', text: ' ' + x.username }),
              ),
              el(
                'button',
                { type: 'button', class: 'govuk-button govuk-button--warning govuk-!-margin-bottom-0', onclick: () => remove(x) },
                'Remove',
                el('span', { class: 'govuk-visually-hidden', text: ' ' + x.username }),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function edit(user) {
  clearErrors(form);
  form.username.value = user.username;
  form.password.value = '';
  for (const box of form.querySelectorAll('#roles input')) box.checked = user.roles.includes(box.value);
  for (const box of form.querySelectorAll('#site-boxes input')) box.checked = user.sites.includes(box.value);
  form.username.focus();
}

async function remove(user) {
  const r = await api('DELETE', '/api/users/' + encodeURIComponent(user.username));
  if (r.status === 204) {
    notify('User ' + user.username + ' removed: their sessions and API tokens have stopped.');
    load();
  } else {
    notify(
      (r.body && r.body.errors && r.body.errors[0] && r.body.errors[0].message) ||
        (r.body && r.body.detail) ||
        'The user could not be removed.',
      'important',
    );
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = form.username.value.trim();
  const body = {
    roles: [...form.querySelectorAll('#roles input:checked')].map((b) => b.value),
    sites: [...form.querySelectorAll('#site-boxes input:checked')].map((b) => b.value),
  };
  if (form.password.value !== '') body.password = form.password.value;
  const changing = known.has(username);
  const r = changing
    ? await api('PUT', '/api/users/' + encodeURIComponent(username), body)
    : await api('POST', '/api/users', { username, ...body });
  if (r.status === 200 || r.status === 201) {
    clearErrors(form);
    form.reset();
    notify(changing ? 'User ' + username + ' changed: from their next request.' : 'User ' + username + ' added.');
    load();
    return;
  }
  showProblem(form, r.body, { username: 'username', password: 'password', roles: 'role-admin', sites: 'sites' });
});

await signedIn();
await load();
