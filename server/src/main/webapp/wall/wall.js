/* global echarts */
import { el } from '/console/console.js';
import { stageSteps } from '/console/stages.js';

// The live wall: a snapshot when it connects, then each press as it is stored. It remembers the
// last press number it saw and, after a drop, asks for everything since: nothing twice, nothing
// missed. Every text is set as text; nothing from the server is ever parsed as HTML.

const params = new URLSearchParams(location.search);
const site = params.get('site');
const prompt = params.get('prompt');
const key = params.get('key');
const PALETTE = ['#1d7a3a', '#5f9e2f', '#b58900', '#c4661f', '#b3261e'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

let state = null;
let lastSeq = null;
let socket = null;
let retry = 1000;
let drawPending = false;
const compareChart = echarts.init(document.getElementById('compare-chart'), null, { renderer: 'canvas' });
const heatChart = echarts.init(document.getElementById('heatmap'), null, { renderer: 'canvas' });
window.addEventListener('resize', () => {
  compareChart.resize();
  heatChart.resize();
});

function setStatus(kind, text) {
  const s = document.getElementById('status');
  s.dataset.state = kind;
  s.replaceChildren(el('span', { 'aria-hidden': 'true', text: kind === 'live' ? '\u25CF ' : '\u26A0 ' }), text);
}

function connect() {
  const q = new URLSearchParams();
  if (site) q.set('site', site);
  if (prompt) q.set('prompt', prompt);
  if (key) q.set('key', key);
  if (lastSeq !== null && state && state.today.date === today()) q.set('since', String(lastSeq));
  socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/wall?' + q);
  socket.onopen = () => {
    retry = 1000;
    setStatus('live', 'Live');
  };
  socket.onmessage = (m) => receive(JSON.parse(m.data));
  socket.onclose = (e) => {
    if (e.code === 1008 || e.code === 4400) {
      setStatus(
        'offline',
        e.code === 1008
          ? 'This wall is not allowed in: ask staff for a new wall link.'
          : 'This wall address is wrong: ask staff for the link.',
      );
      return;
    }
    setStatus('offline', 'Offline - reconnecting. New answers will appear when it is back.');
    setTimeout(connect, retry);
    retry = Math.min(retry * 2, 30000);
  };
}

function today() {
  return state ? new Date().toLocaleDateString('en-CA', { timeZone: (state.site && state.site.timezone) || 'Europe/London' }) : null;
}

function receive(msg) {
  switch (msg.type) {
    case 'snapshot':
      state = msg;
      lastSeq = msg.seq;
      draw();
      break;
    case 'feedback':
      if (!state) return;
      lastSeq = Math.max(lastSeq || 0, msg.seq);
      if (!state.prompt || msg.promptId === state.prompt.id) count(msg);
      scheduleDraw();
      break;
    case 'caught-up':
      if (!state) return;
      lastSeq = Math.max(lastSeq || 0, msg.seq);
      state.comments = msg.comments;
      state.actions = msg.actions;
      scheduleDraw();
      break;
    case 'comment':
      if (!state) return;
      state.comments = [msg.comment, ...state.comments.filter((c) => c.id !== msg.comment.id)].slice(0, 10);
      scheduleDraw();
      break;
    case 'comment-removed':
      if (!state) return;
      state.comments = state.comments.filter((c) => c.id !== msg.id);
      scheduleDraw();
      break;
    case 'actions':
      if (!state) return;
      state.actions = msg.items;
      scheduleDraw();
      break;
    default:
      break;
  }
}

/** Counts a press where it belongs by when it was pressed (a kiosk may send yesterday's late). */
function count(msg) {
  const zone = (state.site && state.site.timezone) || 'Europe/London';
  const pressed = new Date(msg.pressedAt);
  const day = pressed.toLocaleDateString('en-CA', { timeZone: zone });
  const daysAgo = Math.round((Date.parse(state.today.date) - Date.parse(day)) / 86400000);
  const bucket = daysAgo === 0 ? state.today : daysAgo >= 1 && daysAgo <= 7 ? state.week : null;
  if (bucket) {
    // A number this wall may not show stays hidden: the server sends a new picture within a second.
    if (!hidden(bucket, msg.option)) bucket.counts[msg.option] = (bucket.counts[msg.option] || 0) + 1;
    bucket.total += 1;
  }
  if (daysAgo >= 0 && daysAgo < 28) {
    const local = new Date(pressed.toLocaleString('en-US', { timeZone: zone }));
    const weekday = ((local.getDay() + 6) % 7) + 1;
    const cell = state.heatmap.find((c) => c[0] === weekday && c[1] === local.getHours());
    if (cell) cell[2] += 1;
    else if (!state.smallNumbers) state.heatmap.push([weekday, local.getHours(), 1]);
  }
}

/** Whether a count is kept from this wall (a wall key's, where it is a small number). */
function hidden(bucket, key) {
  return (bucket.fewerThan || []).includes(key) || (bucket.atLeast || []).includes(key);
}

/** How a count this wall may not show is said: "Fewer than 5" or "5 or more"; null if shown. */
function withheld(bucket, key) {
  if ((bucket.fewerThan || []).includes(key)) return 'Fewer than ' + state.smallNumbers;
  if ((bucket.atLeast || []).includes(key)) return state.smallNumbers + ' or more';
  return null;
}

function scheduleDraw() {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => {
    drawPending = false;
    draw();
  });
}

function options() {
  if (state.prompt) return state.prompt.options;
  return Object.keys(state.today.counts).map((k) => ({ key: k, label: k }));
}

function pct(n, total) {
  return total === 0 ? 0 : Math.round((100 * n) / total);
}

function draw() {
  document.getElementById('site-name').textContent = state.site ? state.site.name + ' - feedback wall' : 'Feedback wall - every site';
  document.getElementById('question').textContent = state.prompt ? state.prompt.text : 'No question is live here just now.';
  document.title = (state.site ? state.site.name : 'Every site') + ' - feedback wall';
  const opts = options();
  const total = state.today.total;
  document.getElementById('total').textContent = total === 1 ? '1 answer today' : total + ' answers today';
  document.getElementById('bars').replaceChildren(
    ...opts.map((o, i) => {
      const n = state.today.counts[o.key] || 0;
      const kept = withheld(state.today, o.key);
      const fill = el('div', { class: 'wall-bar-fill' });
      fill.style.width = (kept ? 0 : pct(n, total)) + '%';
      fill.style.background = o.colour || PALETTE[i % PALETTE.length];
      return el(
        'li',
        { 'data-option': o.key },
        el('span', { class: 'wall-bar-icon', 'aria-hidden': 'true', text: o.icon || '' }),
        el('span', { class: 'wall-bar-label', text: o.label }),
        kept
          ? el('span', { class: 'wall-bar-figure', 'data-withheld': kept, text: kept })
          : el('span', { class: 'wall-bar-figure', 'data-count': String(n), text: n + ' (' + pct(n, total) + '%)' }),
        el('div', { class: 'wall-bar-track', 'aria-hidden': 'true' }, fill),
      );
    }),
  );
  const note = document.getElementById('small-numbers');
  const hiding = state.smallNumbers && [state.today, state.week].some((b) => (b.fewerThan || []).length + (b.atLeast || []).length > 0);
  note.hidden = !(hiding || state.heatmapHidden > 0);
  note.textContent = note.hidden ? '' : "To keep everyone's answers private, numbers under " + state.smallNumbers + ' are not shown here.';
  drawCompare(opts);
  drawHeatmap();
  drawComments();
  drawActions();
}

function drawCompare(opts) {
  const week = state.week;
  const labels = opts.map((o) => o.label);
  const todayShare = opts.map((o) => (hidden(state.today, o.key) ? null : pct(state.today.counts[o.key] || 0, state.today.total)));
  const weekShare = opts.map((o) => (hidden(week, o.key) ? null : pct(week.counts[o.key] || 0, week.total)));
  compareChart.setOption(
    {
      aria: { enabled: true, decal: { show: true } },
      textStyle: { color: '#ffffff', fontSize: 16 },
      legend: { data: ['Today', '7 days before'], textStyle: { color: '#ffffff', fontSize: 16 }, top: 0 },
      grid: { left: 8, right: 48, top: 30, bottom: 4, containLabel: true },
      xAxis: {
        type: 'value',
        max: 100,
        axisLabel: { color: '#ffffff', formatter: '{value}%' },
        splitLine: { lineStyle: { color: '#505a5f' } },
      },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { color: '#ffffff', fontSize: 16 } },
      series: [
        {
          name: 'Today',
          type: 'bar',
          data: todayShare,
          itemStyle: { color: '#ffdd00' },
          label: { show: true, position: 'right', color: '#ffffff', formatter: '{c}%' },
        },
        {
          name: '7 days before',
          type: 'bar',
          data: weekShare,
          itemStyle: { color: '#8fc3ea' },
          label: { show: true, position: 'right', color: '#ffffff', formatter: '{c}%' },
        },
      ],
      animation: false,
    },
    true,
  );
  const table = document.getElementById('compare-table');
  table.replaceChildren(
    el('caption', { class: 'visually-hidden', text: 'Share of each answer today and in the 7 days before' }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col', text: 'Answer' }),
        el('th', { scope: 'col', text: 'Today' }),
        el('th', { scope: 'col', text: '7 days before' }),
      ),
    ),
    el(
      'tbody',
      {},
      opts.map((o, i) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row', text: o.label }),
          el('td', { text: withheld(state.today, o.key) || todayShare[i] + '%' }),
          el('td', { text: withheld(week, o.key) || weekShare[i] + '%' }),
        ),
      ),
    ),
  );
}

function drawHeatmap() {
  const max = Math.max(1, ...state.heatmap.map((c) => c[2]));
  heatChart.setOption(
    {
      aria: { enabled: true },
      textStyle: { color: '#ffffff', fontSize: 14 },
      grid: { left: 8, right: 8, top: 4, bottom: 40, containLabel: true },
      xAxis: {
        type: 'category',
        data: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
        axisLabel: { color: '#ffffff', interval: 2 },
      },
      yAxis: { type: 'category', data: DAYS, inverse: true, axisLabel: { color: '#ffffff' } },
      visualMap: {
        min: 0,
        max,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        textStyle: { color: '#ffffff' },
        inRange: { color: ['#1d2124', '#8fc3ea', '#ffdd00'] },
      },
      series: [{ type: 'heatmap', data: state.heatmap.map((c) => [c[1], c[0] - 1, c[2]]), label: { show: false } }],
      animation: false,
    },
    true,
  );
}

function drawComments() {
  const list = document.getElementById('comments');
  list.replaceChildren(
    ...(state.comments.length === 0
      ? [el('li', { class: 'wall-empty', text: 'Comments appear here once staff have read them.' })]
      : state.comments.map((c) => el('li', { 'data-comment-id': c.id }, el('q', { text: c.text })))),
  );
}

// Follow-through: how many concerns of the last 90 days have a change planned or made.
function drawFollowThrough() {
  const f = state.followThrough;
  const p = document.getElementById('follow-through');
  if (!f || f.concerns === 0) {
    p.textContent = '';
    return;
  }
  p.textContent =
    f.withChange +
    ' of ' +
    f.concerns +
    (f.concerns === 1 ? ' concern' : ' concerns') +
    ' in the last ' +
    f.days +
    ' days ' +
    (f.withChange === 1 ? 'has' : 'have') +
    ' a change planned or made.';
}

function drawActions() {
  drawFollowThrough();
  const list = document.getElementById('actions');
  list.replaceChildren(
    ...(state.actions.length === 0
      ? [el('li', { class: 'wall-empty', text: 'What changes because of your answers will appear here.' })]
      : state.actions.map((a) =>
          el(
            'li',
            { 'data-action-id': a.id, 'data-stage': a.stage || 'done' },
            a.picture ? el('img', { class: 'wall-action-picture', src: a.picture, alt: '' }) : null,
            a.youSaid ? el('span', { class: 'said', text: 'You said: ' + a.youSaid }) : null,
            el('span', { class: 'did', text: 'We did: ' + a.weDid }),
            stageSteps(a.stage || 'done', a.stageNote),
          ),
        )),
  );
}

// A new day starts a fresh count: reconnect without 'since' to get today's snapshot.
setInterval(() => {
  if (state && state.today.date !== today() && socket && socket.readyState === WebSocket.OPEN) {
    lastSeq = null;
    socket.close();
  }
}, 60000);

connect();
