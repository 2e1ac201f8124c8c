// The kiosk's touchscreen: the prompt, its follow-up, "thank you", and "you said, we did" when
// idle. It talks only to the agent on this machine (ws://<this host>/screen), which keeps
// presses in its outbox while the server is away. Every text is set as text, never as markup.
import { WORDS, RIGHT_TO_LEFT } from './words.js';

const BASE_LANGUAGE = 'en';
const settings = new URLSearchParams(location.search);
const ms = (name, fallback) => {
  const value = Number(settings.get(name));
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
// How long each screen waits for a touch (page settings, e.g. /?idle-ms=60000).
const WAIT = {
  thanks: ms('thanks-ms', 4000),
  followUp: ms('follow-up-ms', 40000),
  typing: ms('typing-ms', 120000),
  idle: ms('idle-ms', 60000),
  idleItem: ms('idle-item-ms', 10000),
  about: ms('about-ms', 60000),
};
const MAX_COMMENT = 1000;
const LETTERS = ['ABCDEFGHIJKLMN', 'OPQRSTUVWXYZ.,'];

const $ = (id) => document.getElementById(id);
const screens = ['waiting', 'ask', 'choose', 'tell', 'keyboard', 'thanks', 'idle', 'about'];

let socket = null;
let state = { prompt: null, actions: [], online: false, imageBase: '' };
let current = 'waiting';
let language = BASE_LANGUAGE;
let speaking = false;
let waitingAnswer = null; // the id of the press whose follow-up is on screen
let supported = false;
let typed = '';
let letterPage = 0;
let timer = null;
let actionIndex = 0;
let about = null; // what the server says the "about your answers" screen says (or null)
let aboutFrom = 'ask'; // the screen it was opened from, to go back to

function word(key) {
  return (WORDS[language] && WORDS[language][key]) || WORDS[BASE_LANGUAGE][key] || '';
}

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) {
    e.className = className;
  }
  if (text !== undefined) {
    e.textContent = text;
  }
  return e;
}

function button(className, text, onPress) {
  const b = element('button', className, text);
  b.type = 'button';
  b.addEventListener('click', onPress);
  return b;
}

// --- the prompt's words in the chosen language -------------------------------------------

function translation() {
  const p = state.prompt;
  return p && language !== BASE_LANGUAGE && p.translations ? p.translations[language] || null : null;
}

function languages() {
  const p = state.prompt;
  return [BASE_LANGUAGE].concat(p && p.translations ? Object.keys(p.translations) : []);
}

function questionText() {
  const p = state.prompt;
  const t = translation();
  if (t) {
    return t.text;
  }
  if (document.documentElement.classList.contains('pictures') && p.easyRead && p.easyRead.readAloud) {
    return p.easyRead.readAloud; // the easy-read wording
  }
  return p.text;
}

function questionSpoken() {
  const p = state.prompt;
  const t = translation();
  if (t) {
    return t.readAloud || t.text;
  }
  return (p.easyRead && p.easyRead.readAloud) || p.text;
}

function optionLabel(option) {
  const t = translation();
  return (t && t.options && t.options[option.key]) || option.label;
}

function followUpText() {
  const t = translation();
  return (t && t.followUp && t.followUp.text) || state.prompt.followUp.text;
}

function choiceLabel(choice) {
  const t = translation();
  return (t && t.followUp && t.followUp.choices && t.followUp.choices[choice.key]) || choice.label;
}

function languageName(tag) {
  // Each language by its own name, so a visitor finds theirs without reading English.
  if (WORDS[tag] && WORDS[tag].name) {
    return WORDS[tag].name;
  }
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    return name ? name.charAt(0).toLocaleUpperCase(tag) + name.slice(1) : tag;
  } catch (e) {
    return tag;
  }
}

// --- screens ------------------------------------------------------------------------------

function show(name) {
  current = name;
  for (const id of screens) {
    $(id).hidden = id !== name;
  }
  if (name === 'ask') {
    renderAsk();
  }
  restartTimer();
  if (speaking) {
    speakScreen();
  }
}

function renderAsk() {
  const p = state.prompt;
  if (!p) {
    return;
  }
  $('question').textContent = questionText();
  $('chosen').hidden = !p.chosenByVote;
  $('symbol').textContent = (p.easyRead && p.easyRead.symbol) || '';
  const picture = $('picture');
  const image = p.easyRead && p.easyRead.image;
  if (image) {
    const src = image.startsWith('/') ? state.imageBase + image : image;
    if (picture.getAttribute('src') !== src) {
      picture.src = src;
    }
    picture.hidden = false;
  } else {
    picture.hidden = true;
    picture.removeAttribute('src');
  }
  const options = $('options');
  options.replaceChildren();
  const ordered = p.options
    .map((o, i) => ({ o, place: o.button || i + 1 }))
    .sort((a, b) => a.place - b.place)
    .map((x) => x.o);
  for (const o of ordered) {
    const face = element('span', 'option-face');
    if (o.icon) {
      const icon = element('span', 'option-icon', o.icon);
      icon.setAttribute('aria-hidden', 'true');
      face.append(icon);
    }
    face.append(element('span', 'option-label', optionLabel(o)));
    const b = button('option', undefined, () => press(o.key));
    b.dataset.option = o.key;
    // The physical button's colour frames the label; text always sits on white.
    b.style.backgroundColor = /^#[0-9a-fA-F]{6}$/.test(o.colour || '') ? o.colour : '#0b0c0c';
    b.append(face);
    options.append(b);
  }
  const all = languages();
  $('language').hidden = all.length < 2;
  $('language-name').textContent = languageName(language);
  $('language').setAttribute('aria-label', word('language') + ': ' + languageName(language));
}

function renderChoices() {
  const fu = state.prompt.followUp;
  $('choose-text').textContent = followUpText();
  const choices = $('choices');
  choices.replaceChildren();
  choices.classList.toggle('two', fu.choices.length === 2 || fu.choices.length === 4);
  for (const c of fu.choices) {
    const b = button('choice', undefined, () => answer(c.key));
    b.dataset.choice = c.key;
    if (c.icon) {
      const icon = element('span', 'option-icon', c.icon + ' ');
      icon.setAttribute('aria-hidden', 'true');
      b.append(icon);
    }
    b.append(element('span', 'option-label', choiceLabel(c)));
    choices.append(b);
  }
}

function renderKeys() {
  const keys = $('keys');
  keys.replaceChildren();
  for (const letter of LETTERS[letterPage]) {
    keys.append(button('key', letter, () => type(letter)));
  }
  keys.append(button('key word-key', word('space'), () => type(' ')));
  keys.append(
    button('key word-key', '\u232B ' + word('delete'), () => {
      typed = typed.slice(0, -1);
      showTyped();
    }),
  );
  const other = LETTERS[(letterPage + 1) % LETTERS.length];
  const more = button('key word-key', other.charAt(0) + '\u2013' + other.charAt(other.length - 3), () => {
    letterPage = (letterPage + 1) % LETTERS.length;
    renderKeys();
  });
  more.setAttribute('aria-label', word('moreLetters') + ' ' + more.textContent);
  keys.append(more);
  keys.append(button('key word-key', '\u2714 ' + word('done'), () => answer(typed.trim() || null)));
}

function type(letter) {
  if (typed.length >= MAX_COMMENT) {
    return;
  }
  const startOfSentence = typed.trim() === '' || /[.!?]\s*$/.test(typed);
  typed += startOfSentence ? letter : letter.toLocaleLowerCase(language);
  showTyped();
}

function showTyped() {
  $('typed').textContent = typed;
}

// The three steps a change moves through; 'not-possible' ends it in their place.
const STEPS = ['heard', 'working', 'done'];
const STEP_WORDS = { heard: 'heard', working: 'working', done: 'stageDone', 'not-possible': 'notPossible' };

function idleItem() {
  return changeWords(state.actions[actionIndex % state.actions.length]);
}

/** A change in the chosen language, where staff gave its words in it; the rest as it is. */
function changeWords(item) {
  const t = language !== BASE_LANGUAGE && item.translations ? item.translations[language] : null;
  if (!t) {
    return item;
  }
  return {
    ...item,
    youSaid: t.youSaid || null,
    weDid: t.weDid,
    easyRead: t.easyRead || null,
    stageNote: t.stageNote || item.stageNote,
  };
}

/** Where the change is, in words: a server before stages sends none (done); an unknown stage is shown as it is. */
function stageLine(item) {
  const stage = item.stage || 'done';
  const words = STEP_WORDS[stage] ? word(STEP_WORDS[stage]) : stage;
  return stage === 'not-possible' && item.stageNote ? words + ': ' + item.stageNote : words;
}

/** The languages the change on show is in: its own, and those staff translated it into. */
function idleLanguages() {
  const item = state.actions[actionIndex % state.actions.length];
  return [BASE_LANGUAGE].concat(item && item.translations ? Object.keys(item.translations) : []);
}

function renderIdle() {
  const item = idleItem();
  const all = idleLanguages();
  $('idle-language').hidden = all.length < 2;
  $('idle-language-name').textContent = languageName(language);
  $('idle-language').setAttribute('aria-label', word('language') + ': ' + languageName(language));
  const stage = item.stage || 'done';
  // The easy-read words, when staff gave them, stand in place of "you said" and "we did".
  $('you-said').textContent = item.youSaid || '';
  $('you-said-line').hidden = !item.youSaid || Boolean(item.easyRead);
  $('we-did').textContent = item.weDid;
  $('we-did-line').hidden = Boolean(item.easyRead);
  $('easy-read').textContent = item.easyRead || '';
  $('easy-read').hidden = !item.easyRead;
  const picture = $('change-picture');
  if (item.picture) {
    const src = item.picture.startsWith('/') ? state.imageBase + item.picture : item.picture;
    if (picture.getAttribute('src') !== src) {
      picture.src = src;
    }
    picture.hidden = false;
  } else {
    picture.hidden = true;
    picture.removeAttribute('src');
  }
  const at = STEPS.indexOf(stage);
  const steps = $('stage');
  steps.hidden = at < 0;
  steps.dataset.stage = stage;
  steps.replaceChildren(
    ...STEPS.map((s, i) => {
      const li = document.createElement('li');
      li.className = i < at ? 'reached' : i === at ? 'current' : 'ahead';
      if (i === at) {
        li.setAttribute('aria-current', 'step');
      }
      const mark = document.createElement('span');
      mark.className = 'mark';
      mark.setAttribute('aria-hidden', 'true');
      mark.textContent = i < at ? '\u2714' : i === at ? '\u25CF' : '\u25CB';
      const words = document.createElement('span');
      words.textContent = word(STEP_WORDS[s]);
      li.append(mark, words);
      return li;
    }),
  );
  $('stage-now').textContent = (at >= 0 ? word('now') + ': ' : '') + stageLine(item);
}

// --- about your answers --------------------------------------------------------------------

/** A number of days in words, in the visitor's language ("2 years", "90 days"). */
function span(days) {
  const years = days % 365 === 0;
  const n = years ? days / 365 : days;
  try {
    return new Intl.NumberFormat(language, { style: 'unit', unit: years ? 'year' : 'day', unitDisplay: 'long' }).format(n);
  } catch (e) {
    return n + (years ? ' years' : ' days');
  }
}

/** The screen's lines, each with its symbol: the install's retention and contact where known. */
function aboutLines() {
  const lines = [
    ['\u{1F512}', word('aboutAnonymous')],
    ['\u{1F440}', word('aboutRead')],
    ['\u{1F6E0}\u{FE0F}', word('aboutUse')],
    ['\u{1F5D3}\u{FE0F}', about ? word('aboutKeptFor').replace('{time}', span(about.commentDays)) : word('aboutKeptDefault')],
  ];
  if (about) {
    lines.push(['\u{1F522}', word('aboutCounted').replace('{time}', span(about.answerDays))]);
  }
  lines.push(['\u{1F64B}', about && about.contact ? word('aboutAskContact') + ' ' + about.contact : word('aboutAsk')]);
  return lines;
}

function renderAbout() {
  $('about-lines').replaceChildren(
    ...aboutLines().map(([symbol, text]) => {
      const li = element('li');
      const s = element('span', 'about-symbol', symbol);
      s.setAttribute('aria-hidden', 'true');
      li.append(s, element('span', undefined, text));
      return li;
    }),
  );
}

function openAbout() {
  if (current !== 'about') {
    aboutFrom = current;
  }
  renderAbout();
  show('about');
}

function closeAbout() {
  show(aboutFrom === 'waiting' && state.prompt ? 'ask' : aboutFrom);
}

function applyWords() {
  const root = document.documentElement;
  root.lang = language;
  root.dir = RIGHT_TO_LEFT.includes(language.split('-')[0]) ? 'rtl' : 'ltr';
  for (const e of document.querySelectorAll('[data-word]')) {
    e.textContent = word(e.dataset.word);
  }
  document.title = state.prompt ? questionText() : word('moment');
}

// --- what the visitor does ----------------------------------------------------------------

function send(message) {
  if (socket && socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify(message));
  }
}

function press(key) {
  const p = state.prompt;
  send({ type: 'press', promptId: p.id, promptVersion: p.version, option: key });
}

function pressed(message) {
  // A press from the screen or a physical button: thank them, then ask the follow-up if any.
  supported = false;
  typed = '';
  letterPage = 0;
  for (const b of document.querySelectorAll('.support')) {
    b.setAttribute('aria-pressed', 'false');
  }
  const fu = state.prompt && state.prompt.followUp;
  if (!message.awaitingAnswer || !fu) {
    waitingAnswer = null;
    show('thanks');
    return;
  }
  waitingAnswer = message.id;
  if (fu.kind === 'choice') {
    renderChoices();
    show('choose');
  } else {
    $('tell-text').textContent = followUpText();
    show('tell');
  }
}

function answer(value) {
  if (waitingAnswer) {
    send({ type: 'answer', id: waitingAnswer, followUp: value, supported });
    waitingAnswer = null;
  }
  show('thanks');
}

function skip() {
  if (waitingAnswer) {
    send({ type: 'skip', id: waitingAnswer });
    waitingAnswer = null;
  }
  show('thanks');
}

function toggleSupport() {
  supported = !supported;
  for (const b of document.querySelectorAll('.support')) {
    b.setAttribute('aria-pressed', String(supported));
  }
}

function resetAccess() {
  language = BASE_LANGUAGE;
  speaking = false;
  window.speechSynthesis && window.speechSynthesis.cancel();
  document.documentElement.classList.remove('bigger', 'pictures');
  for (const id of ['speak', 'bigger', 'pictures']) {
    $(id).setAttribute('aria-pressed', 'false');
  }
  applyWords();
}

// --- reading aloud ------------------------------------------------------------------------

function screenWords() {
  const p = state.prompt;
  switch (current) {
    case 'ask':
      return p ? (p.chosenByVote ? [word('chosen')] : []).concat([questionSpoken()], p.options.map(optionLabel)) : [];
    case 'choose':
      return [word('thanks') + ' ' + followUpText()].concat(p.followUp.choices.map(choiceLabel), [word('support'), word('skip')]);
    case 'tell':
      return [word('thanks') + ' ' + followUpText(), word('write'), word('noThanks')];
    case 'keyboard':
      return [word('yourComment')];
    case 'thanks':
      return [word('thanksLong')];
    case 'about':
      return [word('aboutTitle')].concat(aboutLines().map((l) => l[1]));
    case 'idle':
      if (idleItem().easyRead) {
        return [idleItem().easyRead, stageLine(idleItem())];
      }
      return (idleItem().youSaid ? [word('youSaid') + ' ' + idleItem().youSaid] : []).concat([
        word('weDid') + ' ' + idleItem().weDid,
        stageLine(idleItem()),
      ]);
    default:
      return [word('moment')];
  }
}

function speakScreen() {
  const speech = window.speechSynthesis;
  if (!speech) {
    return;
  }
  speech.cancel();
  for (const text of screenWords()) {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = language;
    speech.speak(utterance);
  }
}

// --- timers: every screen goes back by itself --------------------------------------------

function restartTimer() {
  clearTimeout(timer);
  const after = (wait, then) => {
    timer = setTimeout(then, wait);
  };
  switch (current) {
    case 'thanks':
      after(WAIT.thanks, () => show('ask'));
      break;
    case 'choose':
    case 'tell':
      after(WAIT.followUp, skip);
      break;
    case 'keyboard':
      after(WAIT.typing, () => answer(typed.trim() || null));
      break;
    case 'ask':
      after(WAIT.idle, () => {
        // Nobody here: the next visitor starts from the usual settings.
        resetAccess();
        if (state.actions.length > 0) {
          actionIndex = 0;
          renderIdle();
          show('idle');
        } else {
          show('ask');
        }
      });
      break;
    case 'about':
      after(WAIT.about, closeAbout);
      break;
    case 'idle':
      after(WAIT.idleItem, () => {
        actionIndex++;
        if (actionIndex < state.actions.length) {
          renderIdle();
          show('idle');
        } else {
          show('ask');
        }
      });
      break;
    default:
      break;
  }
}

// --- the link to the agent ----------------------------------------------------------------

function received(message) {
  if (message.type === 'state') {
    state = message;
    if (!state.prompt) {
      show('waiting');
      return;
    }
    if (!languages().includes(language)) {
      language = BASE_LANGUAGE;
    }
    applyWords();
    if (current === 'waiting' || (current === 'idle' && state.actions.length === 0)) {
      show('ask');
    } else if (current === 'ask') {
      renderAsk();
    } else if (current === 'idle') {
      renderIdle(); // a change moved on while it is shown
    }
  } else if (message.type === 'pressed') {
    pressed(message);
  } else if (message.type === 'about') {
    about = message;
    if (current === 'about') {
      renderAbout();
    }
  }
}

function connect() {
  socket = new WebSocket('ws://' + location.host + '/screen');
  socket.addEventListener('message', (event) => {
    try {
      received(JSON.parse(event.data));
    } catch (e) {
      console.error('screen message not understood', e);
    }
  });
  socket.addEventListener('close', () => {
    show('waiting');
    setTimeout(connect, 1000);
  });
}

function wire() {
  $('speak').addEventListener('click', () => {
    speaking = !speaking;
    $('speak').setAttribute('aria-pressed', String(speaking));
    if (speaking) {
      speakScreen();
    } else if (window.speechSynthesis) {
      window.speechSynthesis.cancel();
    }
  });
  $('bigger').addEventListener('click', () => {
    const on = document.documentElement.classList.toggle('bigger');
    $('bigger').setAttribute('aria-pressed', String(on));
  });
  $('pictures').addEventListener('click', () => {
    const on = document.documentElement.classList.toggle('pictures');
    $('pictures').setAttribute('aria-pressed', String(on));
    renderAsk();
    applyWords();
    if (speaking) {
      speakScreen();
    }
  });
  $('language').addEventListener('click', () => {
    const all = languages();
    language = all[(all.indexOf(language) + 1) % all.length];
    applyWords();
    renderAsk();
    if (speaking) {
      speakScreen();
    }
  });
  for (const b of document.querySelectorAll('.support')) {
    b.addEventListener('click', toggleSupport);
  }
  for (const b of document.querySelectorAll('.skip')) {
    b.addEventListener('click', skip);
  }
  $('write').addEventListener('click', () => {
    renderKeys();
    showTyped();
    show('keyboard');
  });
  $('back').addEventListener('click', () => show('ask'));
  for (const b of document.querySelectorAll('.about-button')) {
    b.addEventListener('click', openAbout);
  }
  $('about-back').addEventListener('click', closeAbout);
  $('about-speak').addEventListener('click', speakScreen);
  $('idle-speak').addEventListener('click', speakScreen);
  $('idle-language').addEventListener('click', () => {
    const all = idleLanguages();
    language = all[(all.indexOf(language) + 1) % all.length];
    applyWords();
    renderIdle();
    speakScreen(); // a change told in a new language is read out in it
  });
  // Any touch keeps the current screen up.
  document.addEventListener('pointerdown', restartTimer, true);
}

wire();
applyWords();
connect();
