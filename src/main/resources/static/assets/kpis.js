// KPI explorer (/kpis?kpi=<id>&grain=<grain>&from=<day>&to=<day>&dimension=<dim>&value=<v>): any
// catalogue KPI by grain and dimension as a chart and a table, with its definition and each value's
// numerator and denominator, and a CSV download of what is shown. Slack alerts link here.
import {
  addPeriods, api, band, catalog, downloadCsv, el, fail, fill, field, format, legend, lineChart, periodLabel, periodStart, query,
  select, setQuery, soFar, start, table,
} from './app.js';

const MAX_LINES = 8;

const me = await start('KPI explorer');
const content = document.getElementById('content');
const kpis = await catalog();
const params = query();
const state = {
  kpi: kpis.has(params.get('kpi')) ? params.get('kpi') : 'win_rate',
  grain: params.get('grain') ?? 'month',
  from: params.get('from') ?? '',
  to: params.get('to') ?? '',
  dimension: params.get('dimension') ?? '',
  value: params.get('value') ?? '',
};

const kpiSelect = select('kpi', [...kpis.values()].sort((a, b) => a.name.localeCompare(b.name)).map(k => [k.id, k.name]), state.kpi);
const grainSelect = el('select', { name: 'grain', id: 'grain' });
const dimensionSelect = el('select', { name: 'dimension', id: 'dimension' });
const valueInput = el('input', { type: 'text', name: 'value', value: state.value, list: 'dimension-values', placeholder: 'all' });
const values = el('datalist', { id: 'dimension-values' });
const fromInput = el('input', { type: 'date', name: 'from', value: state.from });
const toInput = el('input', { type: 'date', name: 'to', value: state.to });
const download = el('button', { type: 'button', class: 'secondary', disabled: true }, 'Download CSV');
const definition = el('section', { class: 'definition', 'aria-labelledby': 'kpi-name' });
const chart = el('section', { class: 'chart', 'aria-label': 'Chart' });
const shown = el('section', { id: 'values', 'aria-label': 'Values' });
kpiSelect.addEventListener('change', () => { state.kpi = kpiSelect.value; options(); });
fill(content, 
  el('form', { class: 'controls', 'aria-label': 'KPI, period and dimension', onsubmit: (e) => { e.preventDefault(); apply(); } },
    field('KPI', kpiSelect), field('Grain', grainSelect), field('Dimension', dimensionSelect),
    field('Value', valueInput), values, field('From', fromInput), field('To', toInput),
    el('button', { type: 'submit' }, 'Show'), download),
  definition, el('h2', {}, 'Trend'), chart, el('h2', {}, 'Values'), shown);
options();

/** The grains and dimensions of the chosen KPI, keeping the chosen ones where the KPI has them. */
function options() {
  const kpi = kpis.get(state.kpi);
  if (!kpi.grains.includes(state.grain)) state.grain = kpi.grains.includes('month') ? 'month' : kpi.grains[0];
  if (!kpi.dimensions.includes(state.dimension)) state.dimension = '';
  fill(grainSelect, ...kpi.grains.map(g => el('option', { value: g, selected: g === state.grain }, g)));
  fill(dimensionSelect, el('option', { value: '' }, 'none (total)'),
    ...kpi.dimensions.map(d => el('option', { value: d, selected: d === state.dimension }, d)));
}

function apply() {
  Object.assign(state, { kpi: kpiSelect.value, grain: grainSelect.value, dimension: dimensionSelect.value,
    value: dimensionSelect.value ? valueInput.value : '', from: fromInput.value, to: toInput.value });
  setQuery(state);
  render();
}

function describe(kpi, unit) {
  const benchmark = kpi.benchmark
    ? `${band(kpi.benchmark, unit)}${kpi.benchmark.note ? ` (${kpi.benchmark.note})` : ''}`
    : 'none in the catalogue';
  fill(definition, el('h2', { id: 'kpi-name' }, kpi.name), el('p', {}, kpi.description),
    el('dl', {}, el('dt', {}, 'Id'), el('dd', {}, el('code', {}, kpi.id)), el('dt', {}, 'Unit'), el('dd', {}, unit),
      el('dt', {}, 'Better'), el('dd', {}, kpi.direction), el('dt', {}, 'Benchmark'), el('dd', {}, benchmark),
      el('dt', {}, 'Grains'), el('dd', {}, kpi.grains.join(', ')),
      el('dt', {}, 'Dimensions'), el('dd', {}, kpi.dimensions.join(', ') || 'none')));
}

async function render() {
  const kpi = kpis.get(state.kpi);
  const current = periodStart(state.grain, me.today);
  const from = state.from || addPeriods(state.grain, current, -12);
  const to = state.to || me.today;
  describe(kpi, kpi.unit);
  download.disabled = true;
  fill(shown, el('p', { class: 'muted' }, 'Loading…'));
  try {
    let rows = await api(`/api/kpis?kpi=${kpi.id}&grain=${state.grain}&from=${from}&to=${to}`
      + (state.dimension ? `&by=${state.dimension}` : ''));
    fill(values, ...[...new Set(rows.map(r => r.dimensionValue).filter(v => v !== null))].map(v => el('option', { value: v })));
    if (state.value) rows = rows.filter(r => r.dimensionValue === state.value);
    const unit = rows[0]?.unit ?? kpi.unit;
    describe(kpi, unit);
    draw(rows, unit);
    list(rows, unit);
  } catch (error) {
    fail(shown, error);
    fill(chart);
  }
}

function draw(rows, unit) {
  const labels = [...new Set(rows.map(r => r.periodStart))].sort();
  const byValue = new Map();
  for (const r of rows) {
    const name = state.dimension ? r.dimensionValue ?? '(none)' : 'total';
    if (!byValue.has(name)) byValue.set(name, []);
    byValue.get(name).push({ x: r.periodStart, value: r.value, complete: r.complete });
  }
  const series = [...byValue].map(([name, points]) => ({ name, points })).slice(0, MAX_LINES);
  fill(chart, 
    lineChart(labels, series, unit, `${kpis.get(state.kpi).name} per ${state.grain}`),
    legend(series.map(s => s.name)),
    byValue.size > MAX_LINES ? el('p', { class: 'muted' }, `${MAX_LINES} of ${byValue.size} values drawn; the table has all.`) : null);
  chart.querySelectorAll('svg > text').forEach(t => {
    if (labels.includes(t.textContent)) t.textContent = periodLabel(state.grain, t.textContent);
  });
}

function list(rows, unit) {
  const headers = ['period', ...(state.dimension ? [state.dimension] : []), 'value', 'numerator', 'denominator', 'unit', 'complete'];
  const plain = rows.map(r => [r.periodStart, ...(state.dimension ? [r.dimensionValue ?? ''] : []), r.value, r.numerator,
    r.denominator, r.unit, r.complete]);
  fill(shown, table(`${kpis.get(state.kpi).name} per ${state.grain}: value = numerator ÷ denominator where it is a ratio`,
    [['Period'], ...(state.dimension ? [[state.dimension]] : []), ['Value', true], ['Numerator', true], ['Denominator', true]],
    rows.map(r => [el('span', {}, periodLabel(state.grain, r.periodStart), soFar(r)),
      ...(state.dimension ? [r.dimensionValue ?? '(none)'] : []), format(r.value, unit),
      r.numerator ?? '—', r.denominator ?? '—'])));
  download.disabled = false;
  download.onclick = () => downloadCsv(`${state.kpi}-${state.grain}${state.dimension ? '-by-' + state.dimension : ''}.csv`, headers, plain);
}

render();
