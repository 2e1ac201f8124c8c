import { api, el, notify, showProblem, clearErrors, signedIn, when } from '/console/console.js';

const form = document.getElementById('post-action');
let sites = [];

async function load() {
  const [p, s, a] = await Promise.all([api('GET', '/api/prompts'), api('GET', '/api/sites'), api('GET', '/api/actions')]);
  sites = s.body || [];
  form.promptId.replaceChildren(
    el('option', { value: '', text: 'Not about one question' }),
    ...(p.body || []).map((x) => el('option', { value: x.id, text: x.text })),
  );
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
  const names = new Map(sites.map((x) => [x.id, x.name]));
  const posts = a.body || [];
  document.getElementById('posts').replaceChildren(
    ...(posts.length === 0
      ? [el('p', { class: 'govuk-body', text: 'Nothing yet.' })]
      : posts.map((x) =>
          el(
            'div',
            { class: 'govuk-summary-card', 'data-action-id': x.id },
            el(
              'div',
              { class: 'govuk-summary-card__title-wrapper' },
              el('h3', {
                class: 'govuk-summary-card__title',
                text:
                  (x.siteIds.length ? x.siteIds.map((i) => names.get(i) || i).join(', ') : 'Every site') + ', posted ' + when(x.postedAt),
              }),
            ),
            el(
              'div',
              { class: 'govuk-summary-card__content' },
              x.youSaid ? el('p', { class: 'govuk-body', text: 'You said: ' + x.youSaid }) : null,
              el('p', { class: 'govuk-body govuk-!-font-weight-bold', text: 'We did: ' + x.weDid }),
              el(
                'button',
                {
                  type: 'button',
                  class: 'govuk-button govuk-button--secondary',
                  onclick: async () => {
                    await api('DELETE', '/api/actions/' + encodeURIComponent(x.id));
                    notify('Taken down.');
                    load();
                  },
                },
                'Take down',
                el('span', { class: 'govuk-visually-hidden', text: ': ' + x.weDid }),
              ),
            ),
          ),
        )),
  );
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = { weDid: form.weDid.value.trim(), siteIds: [...form.querySelectorAll('input[name="site"]:checked')].map((c) => c.value) };
  if (form.youSaid.value.trim()) body.youSaid = form.youSaid.value.trim();
  if (form.promptId.value) body.promptId = form.promptId.value;
  const r = await api('POST', '/api/actions', body);
  if (r.status === 201) {
    clearErrors(form);
    form.reset();
    notify('Posted: walls and kiosks show it now.');
    load();
  } else {
    showProblem(form, r.body, { weDid: 'weDid', youSaid: 'youSaid', promptId: 'promptId' });
  }
});

await signedIn();
await load();
