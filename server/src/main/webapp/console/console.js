// Shared by the console pages: the API with the session's CSRF token, safe DOM building
// (text is always set as text, never parsed as HTML), and GOV.UK-style error messages.

let csrfToken = null;

const PAGES = [
  ['/console/index.html', 'Fleet'],
  ['/console/prompts.html', 'Prompts'],
  ['/console/assignments.html', 'What is live'],
  ['/console/moderation.html', 'Comments'],
  ['/console/alerts.html', 'Alerts'],
  ['/console/actions.html', 'You said, we did'],
  ['/console/votes.html', 'What to ask next'],
  ['/console/walls.html', 'Walls'],
];

/** Pages only some roles see in the menu (the API refuses the others anyway). */
const ADMIN_PAGES = [
  ['/console/users.html', 'Users'],
  ['/console/audit.html', 'Audit trail'],
  ['/console/retention.html', 'Keeping data'],
  ['/console/statements.html', 'Statements'],
];

/** The console's header and menu, the same on every page; the current page is marked. */
function chrome(me) {
  const slot = document.getElementById('chrome');
  if (!slot) return;
  const here = location.pathname === '/console/' ? '/console/index.html' : location.pathname;
  slot.replaceChildren(
    el('a', { href: '#main', class: 'govuk-skip-link', text: 'Skip to main content' }),
    el(
      'header',
      { class: 'govuk-header' },
      el(
        'div',
        { class: 'govuk-header__container govuk-width-container' },
        el(
          'div',
          { class: 'govuk-header__logo' },
          el('a', { href: '/console/', class: 'govuk-header__link govuk-header__service-name', text: 'Chorus console' }),
        ),
      ),
    ),
    el(
      'section',
      { class: 'govuk-service-navigation', 'aria-label': 'Menu' },
      el(
        'div',
        { class: 'govuk-width-container' },
        el(
          'div',
          { class: 'govuk-service-navigation__container' },
          el(
            'nav',
            { 'aria-label': 'Menu', class: 'govuk-service-navigation__wrapper' },
            el(
              'ul',
              { class: 'govuk-service-navigation__list' },
              PAGES.concat(me && me.roles && me.roles.includes('admin') ? ADMIN_PAGES : []).map(([href, title]) =>
                el(
                  'li',
                  { class: 'govuk-service-navigation__item' + (href === here ? ' govuk-service-navigation__item--active' : '') },
                  el('a', { class: 'govuk-service-navigation__link', href, 'aria-current': href === here ? 'page' : null, text: title }),
                ),
              ),
              el(
                'li',
                { class: 'govuk-service-navigation__item' },
                'Signed in as ',
                el('strong', { id: 'who' }),
                el('button', {
                  type: 'button',
                  class: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-2',
                  id: 'sign-out',
                  text: 'Sign out',
                }),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Who is signed in; sends the browser to the sign-in page if nobody is. */
export async function signedIn() {
  const r = await fetch('/api/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (r.status === 401) {
    location.assign('/console/login.html?next=' + encodeURIComponent(location.pathname + location.search));
    return new Promise(() => {});
  }
  const me = await r.json();
  csrfToken = me.csrfToken;
  chrome(me);
  const who = document.getElementById('who');
  if (who) who.textContent = me.username;
  const out = document.getElementById('sign-out');
  if (out) {
    out.addEventListener('click', async () => {
      await api('DELETE', '/api/session');
      location.assign('/console/login.html');
    });
  }
  return me;
}

/** Calls the API; answers {status, body} with the body parsed as JSON when there is one. */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  // A file (a picture) goes as it is, under its own type; anything else as JSON.
  const file = body instanceof Blob;
  if (body !== undefined) headers['Content-Type'] = file ? body.type || 'application/octet-stream' : 'application/json';
  if (csrfToken && method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  const r = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : file ? body : JSON.stringify(body),
  });
  if (r.status === 401) {
    location.assign('/console/login.html?next=' + encodeURIComponent(location.pathname + location.search));
    return new Promise(() => {});
  }
  const text = await r.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  return { status: r.status, body: json };
}

/** Builds an element: attributes (class, id, for, data-*, etc.) and children (nodes or text). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** Puts a GOV.UK error summary at the top of a form, and each message beside its field. */
export function showProblem(form, problem, fieldIds = {}) {
  clearErrors(form);
  const errors = (problem && problem.errors) || [];
  const summary = el(
    'div',
    { class: 'govuk-error-summary', 'data-module': 'govuk-error-summary', tabindex: '-1' },
    el(
      'div',
      { role: 'alert' },
      el('h2', { class: 'govuk-error-summary__title', text: 'There is a problem' }),
      el(
        'div',
        { class: 'govuk-error-summary__body' },
        el(
          'ul',
          { class: 'govuk-list govuk-error-summary__list' },
          errors.length === 0
            ? el('li', { text: (problem && problem.detail) || 'Something went wrong. Try again.' })
            : errors.map((e) => {
                const id = fieldIds[e.field] || fieldIdFor(e.field);
                const input = id && document.getElementById(id);
                const message = describe(e.field) + ' ' + e.message;
                if (input) markField(input, message);
                return el('li', {}, input ? el('a', { href: '#' + id, text: message }) : message);
              }),
        ),
      ),
    ),
  );
  form.prepend(summary);
  summary.focus();
}

function fieldIdFor(field) {
  return field.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '');
}

function describe(field) {
  return (
    field
      .replace(/\[(\d+)\]/g, (m, n) => ' ' + (Number(n) + 1))
      .replace(/\./g, ' ')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .replace(/^./, (c) => c.toUpperCase()) + ':'
  );
}

function markField(input, message) {
  const group = input.closest('.govuk-form-group');
  if (!group) return;
  group.classList.add('govuk-form-group--error');
  const id = input.id + '-error';
  input.setAttribute('aria-describedby', id);
  input.before(
    el('p', { class: 'govuk-error-message', id }, el('span', { class: 'govuk-visually-hidden', text: 'Error:' }), ' ' + message),
  );
}

export function clearErrors(form) {
  form.querySelectorAll('.govuk-error-summary, .govuk-error-message').forEach((n) => n.remove());
  form.querySelectorAll('.govuk-form-group--error').forEach((n) => n.classList.remove('govuk-form-group--error'));
}

/** A notice at the top of the main content, read out by screen readers. */
export function notify(text, kind = 'success') {
  const box = document.getElementById('notice');
  if (!box) return;
  box.replaceChildren(
    el(
      'div',
      {
        class: 'govuk-notification-banner' + (kind === 'success' ? ' govuk-notification-banner--success' : ''),
        role: kind === 'success' ? 'alert' : 'region',
        'aria-labelledby': 'notice-title',
      },
      el(
        'div',
        { class: 'govuk-notification-banner__header' },
        el('h2', { class: 'govuk-notification-banner__title', id: 'notice-title', text: kind === 'success' ? 'Done' : 'Important' }),
      ),
      el('div', { class: 'govuk-notification-banner__content' }, el('p', { class: 'govuk-notification-banner__heading', text })),
    ),
  );
}

export function when(iso) {
  if (!iso) return 'never';
  const d = new Date(iso);
  const secs = Math.round((Date.now() - d.getTime()) / 1000);
  if (secs < 60 && secs > -60) return 'just now';
  if (secs < 3600 && secs > 0) return Math.round(secs / 60) + ' min ago';
  return d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
