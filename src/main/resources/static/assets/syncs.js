// Syncs (/syncs?source=<name>&run=<id>): the run history with status, phase, counts, duration and the progress
// of a running run; "sync now" and the dead letters of a run for operators. A viewer gets neither
// (the API refuses them too). The list refreshes itself while a run is running. {@code run} (the
// link of an operations alert) marks that run and, for an operator, opens its dead letters.
import {
  api, badge, dateTime, el, fail, fill, field, fixed, format, mayOperate, post, query, select, setQuery, start, table,
} from './app.js';

const REFRESH_MILLIS = 3000;

const me = await start('Syncs');
const operator = mayOperate(me);
const content = document.getElementById('content');
const state = { source: query().get('source') ?? '' };
const picked = Number(query().get('run'));
let refresh;

const sources = await api('/api/sources').catch(() => []);
const sourceSelect = select('source', [['', 'all sources'], ...sources.map(s => [s.name, s.name])], state.source);
sourceSelect.addEventListener('change', () => {
  state.source = sourceSelect.value;
  setQuery(state);
  syncButtonState();
  render();
});
const message = el('p', { id: 'sync-message', role: 'status' });
const syncButton = operator ? el('button', { type: 'button', id: 'sync-now', onclick: syncNow }, 'Sync now') : null;
const runs = el('section', { id: 'runs', 'aria-label': 'Runs' });
const letters = operator ? el('section', { id: 'dead-letters', 'aria-labelledby': 'dl-title', hidden: true }) : null;
fill(content, 
  el('form', { class: 'controls', 'aria-label': 'Source', onsubmit: (e) => e.preventDefault() },
    field('Source', sourceSelect), syncButton),
  message, runs, letters);
syncButtonState();

function syncButtonState() {
  if (syncButton) {
    syncButton.disabled = !state.source;
    syncButton.title = state.source ? `start a run of ${state.source} now` : 'choose a source first';
  }
}

async function syncNow() {
  syncButton.disabled = true;
  const answer = await post(`/api/syncs?source=${encodeURIComponent(state.source)}`);
  message.removeAttribute('data-run');
  if (answer.status === 202) {
    message.textContent = `Run ${answer.body.id} of ${state.source} started.`
      + (answer.body.waiting.length ? ` Left for a later run: ${answer.body.waiting.join(', ')}.` : '');
    message.dataset.run = answer.body.id;
  } else if (answer.status === 409) {
    message.textContent = `Run ${answer.body.id} of ${state.source} is still running.`;
  } else {
    message.textContent = `Could not start: ${answer.body?.error ?? 'HTTP ' + answer.status}`;
  }
  syncButtonState();
  render();
}

async function render() {
  clearTimeout(refresh);
  try {
    const list = await api(`/api/syncs?limit=100${state.source ? `&source=${encodeURIComponent(state.source)}` : ''}`);
    fill(runs, table(`Runs${state.source ? ' of ' + state.source : ''}, newest first`,
      [['Run', true], ['Source'], ['Status'], ['Phase'], ['Progress'], ['Started'], ['Duration', true], ['Read', true],
        ['Upserted', true], ['Deleted', true], ['Dead letters', true], ['Error']],
      list.map(row)));
    runs.querySelectorAll('tbody tr').forEach((tr, i) => {
      if (!list[i]) return;
      tr.dataset.run = list[i].id;
      if (list[i].id === picked) tr.classList.add('picked');
    });
    const run = list.find(r => r.id === picked);
    if (run && operator && run.deadLettered > 0 && letters.hidden) showDeadLetters(run);
    if (list.slice(0, 5).some(r => r.status === 'running' || (r.phase && r.phase !== 'done' && r.status !== 'failed'))) {
      refresh = setTimeout(render, REFRESH_MILLIS);
    }
  } catch (error) {
    fail(runs, error);
  }
}

function row(run) {
  const count = (n) => format(n, 'count');
  const deadLetters = run.deadLettered > 0 && operator
    ? el('button', { type: 'button', class: 'secondary dead-letters', onclick: () => showDeadLetters(run) },
      `${count(run.deadLettered)} — show`)
    : count(run.deadLettered);
  return [String(run.id), run.source, badge(run.status), run.phase ?? '—', progress(run), dateTime(run.startedAt),
    duration(run), count(run.recordsRead), count(run.upserted), count(run.deleted), deadLetters, run.error ?? ''];
}

function progress(run) {
  if (run.progress === null || run.progress === undefined) return run.status === 'running' ? 'running' : '—';
  return el('span', {}, el('progress', { max: 1, value: run.progress, 'aria-label': `run ${run.id} progress` }),
    ` ${fixed(run.progress * 100, 0)} %`);
}

function duration(run) {
  if (!run.startedAt) return '—';
  const end = run.finishedAt ? new Date(run.finishedAt) : new Date();
  const seconds = Math.max(0, (end - new Date(run.startedAt)) / 1000);
  return seconds < 120 ? `${fixed(seconds, 1)} s` : `${fixed(seconds / 60, 1)} min`;
}

async function showDeadLetters(run) {
  letters.hidden = false;
  fill(letters, el('h2', { id: 'dl-title', tabindex: -1 }, `Dead letters of run ${run.id}`));
  try {
    const rows = await api(`/api/dead-letters?run=${run.id}&limit=1000`);
    letters.append(table(`${rows.length} ${rows.length === 1 ? 'row' : 'rows'} that could not be imported, with the reason`,
      [['Entity'], ['File'], ['Line', true], ['Reason'], ['Row']],
      rows.map(d => [d.entity ?? '', d.file ?? '', d.line ?? '', d.reason ?? '', el('code', {}, d.payload ?? '')])));
  } catch (error) {
    fail(letters, error);
  }
  letters.querySelector('h2')?.focus();
}

render();
