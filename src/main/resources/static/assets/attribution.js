// Attribution (/attribution): the revenue of the deals won in a range credited by each of the six
// models side by side per channel, source or campaign — how much the model changes the answer — and
// the source-to-revenue matrix (leads, cost, revenue, ROI) of one model.
import {
  addPeriods, api, barChart, el, fail, fill, field, format, legend, periodStart, query, select, setQuery, start, table,
} from './app.js';

/** The models of GET /api/attribution?model= (io.revloop.kpi.attribution.AttributionModel). */
const MODELS = [['first_touch', 'First touch'], ['last_touch', 'Last touch'], ['linear', 'Linear'],
  ['position_based', 'Position-based'], ['time_decay', 'Time decay'], ['w_shaped', 'W-shaped']];
const BY = [['channel', 'Channel'], ['source', 'Source'], ['campaign', 'Campaign']];

const me = await start('Attribution');
const content = document.getElementById('content');
const params = query();
const currency = me.baseCurrency;
const state = {
  from: params.get('from') || addPeriods('month', periodStart('month', me.today), -11),
  to: params.get('to') || me.today,
  by: BY.some(([id]) => id === params.get('by')) ? params.get('by') : 'channel',
  model: MODELS.some(([id]) => id === params.get('model')) ? params.get('model') : '',
};

const fromInput = el('input', { type: 'date', name: 'from', value: state.from, required: true });
const toInput = el('input', { type: 'date', name: 'to', value: state.to, required: true });
const bySelect = select('by', BY, state.by);
const modelSelect = select('model', [['', 'hub default'], ...MODELS], state.model);
const models = el('section', { id: 'models', 'aria-labelledby': 'models-title' });
const matrix = el('section', { id: 'matrix', 'aria-labelledby': 'matrix-title' });
fill(content, 
  el('form', { class: 'controls', 'aria-label': 'Range', onsubmit: (e) => { e.preventDefault(); apply(); } },
    field('Won from', fromInput), field('to', toInput), field('By', bySelect),
    field('Model of the matrix', modelSelect), el('button', { type: 'submit' }, 'Show')),
  models, matrix);

function apply() {
  Object.assign(state, { from: fromInput.value, to: toInput.value, by: bySelect.value, model: modelSelect.value });
  setQuery(state);
  render();
}

async function render() {
  const range = `from=${state.from}&to=${state.to}&by=${state.by}`;
  fill(models, el('h2', { id: 'models-title' }, 'Revenue by model'), el('p', { class: 'muted' }, 'Loading…'));
  fill(matrix, el('h2', { id: 'matrix-title' }, 'Source to revenue'));
  try {
    const answers = await Promise.all(MODELS.map(([id]) => api(`/api/attribution?model=${id}&${range}`)));
    showModels(answers);
  } catch (error) {
    fail(models, error);
  }
  try {
    const rows = await api(`/api/source-to-revenue?${range}${state.model ? `&model=${state.model}` : ''}`);
    showMatrix(rows);
  } catch (error) {
    fail(matrix, error);
  }
}

function showModels(answers) {
  const values = [...new Set(answers.flatMap(rows => rows.map(r => r.dimensionValue)))];
  const revenue = (m, value) => answers[m].find(r => r.dimensionValue === value)?.revenue ?? null;
  const label = (value) => value ?? '(no touch)';
  const lines = values.map(value => {
    const credited = MODELS.map((_, m) => revenue(m, value));
    const numbers = credited.map(v => Number(v ?? 0));
    return { value, credited, spread: Math.max(...numbers) - Math.min(...numbers) };
  });
  fill(models, el('h2', { id: 'models-title' }, 'Revenue by model'),
    el('p', { class: 'muted' }, `Revenue of the deals won from ${state.from} to ${state.to}, credited per ${state.by}. `
      + 'The spread is how far the models disagree.'),
    el('div', { class: 'chart' },
      barChart(lines.map(l => ({ label: label(l.value), values: l.credited })), MODELS.map(([, name]) => name), currency,
        `Attributed revenue per ${state.by}, one bar per model`),
      legend(MODELS.map(([, name]) => name))),
    table(`Attributed revenue per ${state.by} and model (${currency})`,
      [[cap(state.by)], ...MODELS.map(([, name]) => [name, true]), ['Spread', true]],
      lines.map(l => [label(l.value), ...l.credited.map(v => format(v, currency)), format(l.spread, currency)])));
}

function showMatrix(rows) {
  fill(matrix, el('h2', { id: 'matrix-title' }, 'Source to revenue'),
    table(`Leads, cost, attributed revenue and ROI per ${state.by} (model: ${state.model || 'hub default'})`,
      [[cap(state.by)], ['Leads', true], ['Cost', true], ['Revenue', true], ['ROI', true]],
      rows.map(r => [r.dimensionValue ?? '(none)', format(r.leads, 'count'), format(r.cost, currency),
        format(r.revenue, currency), format(r.roi, 'ratio')])));
}

const cap = (text) => text.charAt(0).toUpperCase() + text.slice(1);

render();
