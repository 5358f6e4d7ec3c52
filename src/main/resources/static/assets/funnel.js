// Funnel (/funnel?grain=&from=&to=&by=): stage counts and cohort conversion rates per period, in
// total or by channel, source or campaign; stored KPI values only (GET /api/kpis).
import {
  addPeriods, api, barChart, catalog, downloadCsv, el, fail, fill, field, format, legend, periodLabel, periodStart, query,
  select, setQuery, soFar, start, table,
} from './app.js';

const STAGES = ['new_leads', 'new_mqls', 'new_sqls', 'new_opportunities', 'deals_won'];
const RATES = ['lead_to_mql_rate', 'mql_to_sql_rate', 'sql_to_opportunity_rate', 'win_rate', 'lead_to_customer_rate'];
const GRAINS = [['week', 'Week'], ['month', 'Month'], ['quarter', 'Quarter']];
const BY = [['', 'total'], ['channel', 'Channel'], ['source', 'Source'], ['campaign', 'Campaign']];
const MAX_BARS = 6;

const me = await start('Funnel');
const content = document.getElementById('content');
const kpis = await catalog();
const params = query();
const state = {
  grain: GRAINS.some(([g]) => g === params.get('grain')) ? params.get('grain') : 'month',
  from: params.get('from') ?? '',
  to: params.get('to') ?? '',
  by: BY.some(([b]) => b === params.get('by')) ? params.get('by') : '',
};

const grainSelect = select('grain', GRAINS, state.grain);
const bySelect = select('by', BY, state.by);
const fromInput = el('input', { type: 'date', name: 'from', value: state.from });
const toInput = el('input', { type: 'date', name: 'to', value: state.to });
const download = el('button', { type: 'button', class: 'secondary', disabled: true }, 'Download CSV');
const chart = el('section', { id: 'stage-chart', class: 'chart', 'aria-label': 'Stages of the last complete period' });
const stages = el('section', { id: 'stages', 'aria-label': 'Stages and conversion per period' });
fill(content, 
  el('form', { class: 'controls', 'aria-label': 'Period and breakdown', onsubmit: (e) => { e.preventDefault(); apply(); } },
    field('Grain', grainSelect), field('By', bySelect), field('From', fromInput), field('To', toInput),
    el('button', { type: 'submit' }, 'Show'), download),
  chart, stages);

function apply() {
  Object.assign(state, { grain: grainSelect.value, by: bySelect.value, from: fromInput.value, to: toInput.value });
  setQuery(state);
  render();
}

/** The values of one KPI, or null when it has no breakdown by the chosen dimension at this grain. */
function values(id, from, to) {
  const by = state.by && kpis.get(id).dimensions.includes(state.by) ? `&by=${state.by}` : '';
  if (state.by && !by) return Promise.resolve(null);
  return api(`/api/kpis?kpi=${id}&grain=${state.grain}&from=${from}&to=${to}${by}`).catch(() => null);
}

async function render() {
  const current = periodStart(state.grain, me.today);
  const from = state.from || addPeriods(state.grain, current, -12);
  const to = state.to || me.today;
  fill(stages, el('p', { class: 'muted' }, 'Loading…'));
  try {
    const ids = [...STAGES, ...RATES];
    const answers = await Promise.all(ids.map(id => values(id, from, to)));
    const lines = new Map();
    answers.forEach((rows, k) => (rows ?? []).forEach(r => {
      const key = `${r.periodStart}|${state.by ? r.dimensionValue ?? '' : ''}`;
      if (!lines.has(key)) lines.set(key, { period: r.periodStart, value: state.by ? r.dimensionValue : null, cells: {}, complete: true });
      const line = lines.get(key);
      line.cells[ids[k]] = r;
      line.complete &&= r.complete;
    }));
    const sorted = [...lines.values()].sort((a, b) => b.period.localeCompare(a.period) || String(a.value).localeCompare(String(b.value)));
    show(ids, sorted, answers);
    drawLastPeriod(sorted, addPeriods(state.grain, current, -1));
  } catch (error) {
    fail(stages, error);
  }
}

function show(ids, lines, answers) {
  const missing = ids.filter((id, k) => answers[k] === null).map(id => kpis.get(id).name);
  const columns = [['Period'], ...(state.by ? [[state.by]] : []), ...ids.map(id => [kpis.get(id).name, true])];
  fill(stages, 
    table(`Stage counts and cohort conversion per ${state.grain}${state.by ? ' and ' + state.by : ''}, newest first`, columns,
      lines.map(l => [el('span', {}, periodLabel(state.grain, l.period), soFar(l)), ...(state.by ? [l.value ?? '(none)'] : []),
        ...ids.map(id => l.cells[id] ? format(l.cells[id].value, l.cells[id].unit) : '—')])),
    missing.length ? el('p', { class: 'muted' }, `Not broken down by ${state.by}: ${missing.join(', ')}.`) : null);
  download.disabled = false;
  download.onclick = () => downloadCsv(`funnel-${state.grain}${state.by ? '-by-' + state.by : ''}.csv`,
    ['period', ...(state.by ? [state.by] : []), ...ids, 'complete'],
    lines.map(l => [l.period, ...(state.by ? [l.value ?? ''] : []), ...ids.map(id => l.cells[id]?.value ?? ''), l.complete]));
}

/** Bars of the stage counts of the last period that has ended, one colour per breakdown value. */
function drawLastPeriod(lines, period) {
  const inPeriod = lines.filter(l => l.period === period).slice(0, MAX_BARS);
  const names = inPeriod.map(l => state.by ? l.value ?? '(none)' : 'total');
  fill(chart, el('h2', {}, `Stages in ${periodLabel(state.grain, period)}`),
    inPeriod.length === 0 ? el('p', { class: 'muted' }, 'No values for this period.')
      : barChart(STAGES.map(id => ({ label: kpis.get(id).name, values: inPeriod.map(l => l.cells[id]?.value ?? null) })),
        names, 'count', `Stage counts in ${periodLabel(state.grain, period)}`),
    inPeriod.length > 1 ? legend(names) : null);
}

render();
