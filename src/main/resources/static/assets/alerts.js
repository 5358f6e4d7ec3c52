// Alerts (/alerts): the rules with their thresholds and what each finds now (GET /api/alerts/rules),
// and the events — breaches, their ends, digests — with their delivery state (GET /api/alerts).
import { api, badge, catalog, dateTime, el, fail, fill, format, rowUnit, soFar, start, table } from './app.js';

await start('Alerts');
const content = document.getElementById('content');
const rules = el('section', { id: 'rules', 'aria-labelledby': 'rules-title' });
const events = el('section', { id: 'events', 'aria-labelledby': 'events-title' });
fill(content, rules, events);

const kpis = await catalog().catch(() => new Map());
/** The unit of a KPI's values; an operations event counts (rows, runs). */
const unitOf = (kpi) => kpi ? rowUnit(kpis.get(kpi)?.unit) : 'count';
const kpiLink = (kpi, grain, period, dimension, value) => kpi
  ? el('a', { href: `/kpis?${new URLSearchParams(Object.entries({ kpi, grain, from: period, to: period, dimension, value })
    .filter(([, v]) => v))}` }, kpis.get(kpi)?.name ?? kpi)
  : '—';

try {
  const list = await api('/api/alerts/rules');
  fill(rules, el('h2', { id: 'rules-title' }, 'Rules'), table('Alert rules and what each finds now',
    [['Rule'], ['KPI'], ['Grain'], ['Dimension'], ['Alert when'], ['Severity'], ['Now']],
    list.map(r => [r.name, kpiLink(r.kpi, r.grain, r.periodStart, r.dimension, r.dimensionValue), `${r.grain} (${r.period})`,
      r.dimension ? `${r.dimension}${r.dimensionValue ? ': ' + r.dimensionValue : ''}` : '—',
      `${r.comparison} ${format(r.threshold, unitOf(r.kpi))}`, r.severity,
      r.checks.length === 0 ? '—' : el('ul', {}, r.checks.map(c => el('li', {},
        `${c.dimensionValue ? c.dimensionValue + ': ' : ''}${format(c.value, unitOf(r.kpi))} `, badge(c.status),
        soFar(c), c.reason ? ` ${c.reason}` : '')))])));
} catch (error) {
  fail(rules, error);
}

try {
  const list = await api('/api/alerts?limit=100');
  fill(events, el('h2', { id: 'events-title' }, 'Events'), table('Alert events, newest first',
    [['When'], ['Rule'], ['State'], ['Severity'], ['KPI or source'], ['Period'], ['Value', true], ['Threshold', true],
      ['Delivery'], ['Attempts', true], ['Last error']],
    list.map(e => [dateTime(e.createdAt), e.rule ?? '—', e.state, e.severity ?? '—',
      e.kpi ? kpiLink(e.kpi, e.grain, e.periodStart, e.dimension, e.dimensionValue) : e.source ?? '—',
      e.periodStart ? `${e.grain} ${e.periodStart}` : '—', format(e.value, unitOf(e.kpi)),
      e.threshold === null ? '—' : `${e.comparison ?? ''} ${format(e.threshold, unitOf(e.kpi))}`,
      badge(e.delivery), format(e.attempts, 'count'), e.lastError ?? ''])));
} catch (error) {
  fail(events, error);
}
