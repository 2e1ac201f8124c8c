// Where a "you said, we did" change is, shown the same way on the wall, the summary and the
// console: three steps (we heard you, we are working on it, done), the steps reached ticked, the
// current one marked by a shape and words as well as weight, never by colour alone. A change that
// could not be made says so, and why, in place of the steps.
import { el } from '/console/console.js';

export const STEPS = ['heard', 'working', 'done'];

export const STAGE_WORDS = {
  heard: 'We heard you',
  working: 'We are working on it',
  done: 'Done',
  'not-possible': 'We could not do this',
};

/** The words for a stage; a stage this page does not know is shown as it is. */
export function stageWords(stage) {
  return STAGE_WORDS[stage] || stage;
}

/** The three steps with the current one marked, or the could-not line with its reason. */
export function stageSteps(stage, note) {
  if (!STEPS.includes(stage)) {
    return el(
      'p',
      { class: 'stage-not-possible', 'data-stage': stage },
      el('span', { 'aria-hidden': 'true', text: '\u2716 ' }),
      stageWords(stage) + (note ? ': ' + note : ''),
    );
  }
  const at = STEPS.indexOf(stage);
  return el(
    'ol',
    { class: 'stage-steps', 'data-stage': stage, 'aria-label': 'Where it is: ' + stageWords(stage) },
    STEPS.map((s, i) =>
      el(
        'li',
        {
          class: i < at ? 'stage-step stage-step--reached' : i === at ? 'stage-step stage-step--current' : 'stage-step',
          'aria-current': i === at ? 'step' : null,
        },
        el('span', { class: 'stage-mark', 'aria-hidden': 'true', text: i < at ? '\u2714' : i === at ? '\u25CF' : '\u25CB' }),
        el('span', { class: 'stage-word', text: STAGE_WORDS[s] }),
        i === at ? el('span', { class: 'visually-hidden', text: ' (now)' }) : null,
      ),
    ),
  );
}
