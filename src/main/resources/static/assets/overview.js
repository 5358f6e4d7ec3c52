// Overview (/): the headline KPIs of the last period that has ended, each with its trend over the
// periods of the range, the change against the period before, the catalogue's benchmark band and the
// running period marked "so far". Reads stored values only (GET /api/kpis), one call per KPI.
import {
  addPeriods, api, band, catalog, change, el, fail, fill, field, format, periodLabel, periodStart, query, select, setQuery,
  soFar, sparkline, start,
} from './app.js';

/** The closed loop on one screen: pipeline, revenue, conversion, cost and retention. */
const HEADLINE = ['new_opportunities', 'won_revenue', 'win_rate', 'cac', 'cost_per_lead', 'pipeline_velocity',
  'net_revenue_retention', 'lead_to_customer_rate'];
const PERIODS = 12;

const me = await start('Overview');
const content = document.getElementById('content');
const params = query();
const state = {
  grain: ['month', 'quarter'].includes(params.get('grain')) ? params.get('grain') : 'month',
  from: params.get('from') ?? '',
  to: params.get('to') ?? '',
};

const grainSelect = select('grain', [['month', 'Month'], ['quarter', 'Quarter']], state.grain);
const fromInput = el('input', { type: 'date', name: 'from', value: state.from || defaultFrom(state.grain) });
const toInput = el('input', { type: 'date', name: 'to', value: state.to || me.today });
grainSelect.addEventListener('change', () => { fromInput.value = defaultFrom(grainSelect.value); });
const form = el('form', { class: 'controls', 'aria-label': 'Period', onsubmit: (e) => { e.preventDefault(); apply(); } },
  field('Grain', grainSelect), field('From', fromInput), field('To', toInput),
  el('button', { type: 'submit' }, 'Show'));
const tiles = el('div', { class: 'tiles', id: 'tiles' });
fill(content, form, tiles);

function apply() {
  state.grain = grainSelect.value;
  state.from = fromInput.value;
  state.to = toInput.value;
  setQuery(state);
  render();
}

/** The first day of the range: {@value PERIODS} periods before the running one. */
function defaultFrom(grain) {
  return addPeriods(grain, periodStart(grain, me.today), -PERIODS);
}

async function render() {
  const grain = state.grain;
  const current = periodStart(grain, me.today);
  const to = state.to || me.today;
  const from = state.from || defaultFrom(grain);
  const toStart = periodStart(grain, to);
  const headline = toStart < current ? toStart : addPeriods(grain, current, -1);
  fill(tiles, el('p', { class: 'muted' }, 'Loading…'));
  try {
    const kpis = await catalog();
    const rows = await Promise.all(HEADLINE.map(id =>
      api(`/api/kpis?kpi=${id}&grain=${grain}&from=${from}&to=${to}`)));
    fill(tiles, ...HEADLINE.map((id, i) => tile(kpis.get(id), rows[i], grain, headline, current)));
  } catch (error) {
    fail(tiles, error);
  }
}

function tile(kpi, rows, grain, headline, current) {
  const byPeriod = new Map(rows.map(r => [r.periodStart, r]));
  const shown = byPeriod.get(headline);
  const before = byPeriod.get(addPeriods(grain, headline, -1));
  const running = byPeriod.get(current);
  const unit = rows[0]?.unit ?? kpi.unit;
  const delta = change(shown?.value, before?.value, unit);
  const previous = periodLabel(grain, addPeriods(grain, headline, -1));
  const good = delta && kpi.direction !== 'neutral' && delta.delta !== 0
    ? (delta.delta > 0) === (kpi.direction === 'higher') : null;
  const link = `/kpis?kpi=${kpi.id}&grain=${grain}&from=${defaultFrom(grain)}&to=${me.today}`;
  return el('section', { class: 'tile', 'data-kpi': kpi.id, 'aria-labelledby': `t-${kpi.id}` },
    el('h2', { id: `t-${kpi.id}` }, el('a', { href: link }, kpi.name)),
    el('div', { class: 'period' }, periodLabel(grain, headline), soFar(shown)),
    el('div', { class: 'value' }, format(shown?.value, unit)),
    el('div', { class: `change ${good === null ? '' : good ? 'good' : 'bad'}` },
      delta ? `${delta.text} vs ${previous}` : before ? `${previous}: ${format(before.value, unit)}` : `no value for ${previous}`),
    kpi.benchmark ? el('p', { class: 'facts' }, `Benchmark ${band(kpi.benchmark, unit)}`) : null,
    sparkline(rows.filter(r => r.dimension === null).map(r => ({ value: r.value, complete: r.complete })),
      kpi.benchmark, `${kpi.name}: trend over ${rows.length} periods`),
    running ? el('p', { class: 'facts running' }, `${periodLabel(grain, current)}: ${format(running.value, unit)}`,
      soFar(running)) : null);
}

render();
