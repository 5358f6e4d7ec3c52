// revloop web app: what every page shares — calling the API, the header, number formats, periods,
// tables and SVG charts. Plain ES modules, no framework and no build step; data from the API is only
// ever set as text (never as HTML).

const PAGES = [
  ['/', 'Overview'], ['/funnel', 'Funnel'], ['/attribution', 'Attribution'], ['/kpis', 'KPI explorer'],
  ['/syncs', 'Syncs'], ['/sources', 'Sources'], ['/alerts', 'Alerts'],
];
const ROLES = ['viewer', 'operator', 'admin'];
export const LOCALE = 'en-US';
export const COLORS = ['#1f5fbf', '#c2410c', '#17692f', '#7c3aed', '#a3101b', '#0e7490', '#8a5300', '#4d5566'];

/** An element with attributes (on* as listeners) and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const node = tag.includes(':') || ['svg', 'path', 'line', 'rect', 'circle', 'text', 'polyline', 'g', 'title'].includes(tag)
    ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// ------------------------------------------------------------------ the API

/** GET (or another method) of the hub's API with the session cookie; a lost session goes to the sign-in page. */
export async function api(path, options = {}) {
  const headers = { Accept: 'application/json' };
  if (options.method && options.method !== 'GET') {
    headers['X-XSRF-TOKEN'] = cookie('XSRF-TOKEN');
  }
  const response = await fetch(path, { credentials: 'same-origin', ...options, headers });
  if (response.status === 401) {
    location.assign('/login');
    throw new Error('signed out');
  }
  const body = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  if (!response.ok && !options.acceptError) {
    throw new Error(body?.error ?? `${path}: HTTP ${response.status}`);
  }
  return options.acceptError ? { status: response.status, body } : body;
}

export const post = (path) => api(path, { method: 'POST', acceptError: true });

function cookie(name) {
  const found = document.cookie.split('; ').find(c => c.startsWith(name + '='));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : '';
}

let catalogPromise;
/** The KPI catalogue by id. */
export function catalog() {
  catalogPromise ??= api('/api/kpis/catalog').then(list => new Map(list.map(k => [k.id, k])));
  return catalogPromise;
}

export const mayOperate = (me) => ROLES.indexOf(me.role) >= ROLES.indexOf('operator');
export const isAdmin = (me) => me.role === 'admin';

/**
 * Starts a page: the header with the navigation (current page marked), who is signed in, and the page
 * title. Answers GET /api/me: name, role, baseCurrency, timeZone, today.
 */
export async function start(title) {
  document.title = `${title} · revloop`;
  document.querySelector('h1').textContent = title;
  const me = await api('/api/me');
  settings.currency = me.baseCurrency;
  const here = location.pathname;
  const header = el('header', { class: 'top' },
    el('a', { class: 'skip', href: '#main' }, 'Skip to content'),
    el('a', { class: 'brand', href: '/' }, 'revloop'),
    el('nav', { 'aria-label': 'Pages' }, el('ul', {}, PAGES.map(([path, name]) =>
      el('li', {}, el('a', { href: path, 'aria-current': path === here ? 'page' : null }, name))))),
    el('div', { class: 'who' }, el('span', {}, `${me.name} (${me.role})`),
      el('button', { type: 'button', onclick: signOut }, 'Sign out')));
  document.body.prepend(header);
  return me;
}

async function signOut() {
  await api('/logout', { method: 'POST', acceptError: true });
  location.assign('/login?signed-out');
}

/** Replaces the children of {@code node}, leaving out absent ones (null, undefined, false). */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
}

/** Shows an error where the page's content would be. */
export function fail(container, error) {
  fill(container, el('p', { class: 'error', role: 'alert' }, `Could not load: ${error.message}`));
}

// ------------------------------------------------------------------ numbers

const settings = { currency: 'EUR' };

/** A catalogue unit ("money", "money per day", "ratio", …) as the API's rows name it ("EUR", "EUR/day", "ratio"). */
export function rowUnit(catalogUnit) {
  if (catalogUnit === 'money') return settings.currency;
  if (catalogUnit === 'money per day') return `${settings.currency}/day`;
  return catalogUnit;
}

/** A value in its unit: ratio as percent, money in the base currency, days, counts. */
export function format(value, unit) {
  if (value === null || value === undefined || value === '') return '—';
  const number = Number(value);
  if (unit === 'ratio') return `${fixed(number * 100, 1)} %`;
  if (/^[A-Z]{3}(\/day)?$/.test(unit ?? '')) {
    const digits = Math.abs(number) >= 100 ? 0 : 2;
    const money = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: unit.slice(0, 3),
      minimumFractionDigits: digits, maximumFractionDigits: digits }).format(number);
    return unit.endsWith('/day') ? `${money}/day` : money;
  }
  if (unit === 'count') return fixed(number, 0);
  if (['days', 'minutes', 'seconds', 'months'].includes(unit)) return `${fixed(number, 1)} ${unit}`;
  if (unit === 'points') return `${fixed(number, 1)} pts`;
  return fixed(number, 2);
}

export function fixed(number, digits) {
  return new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(number);
}

/** A benchmark band in a unit; either end may be open. */
export function band(benchmark, unit) {
  if (benchmark.low === null) return `≤ ${format(benchmark.high, unit)}`;
  if (benchmark.high === null) return `≥ ${format(benchmark.low, unit)}`;
  return `${format(benchmark.low, unit)} – ${format(benchmark.high, unit)}`;
}

/** The change from {@code before} to {@code now}: percentage points for ratios, else relative. */
export function change(now, before, unit) {
  if (now === null || before === null || now === undefined || before === undefined) return null;
  const a = Number(now);
  const b = Number(before);
  if (unit === 'ratio') return { delta: a - b, text: `${a - b >= 0 ? '+' : '−'}${fixed(Math.abs(a - b) * 100, 1)} pp` };
  if (b === 0) return null;
  const relative = (a - b) / Math.abs(b);
  return { delta: a - b, text: `${relative >= 0 ? '+' : '−'}${fixed(Math.abs(relative) * 100, 1)} %` };
}

// ------------------------------------------------------------------ periods (ISO dates, computed in UTC)

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(day) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

const iso = (date) => date.toISOString().slice(0, 10);

/** The first day of the period of {@code grain} that holds {@code day}. */
export function periodStart(grain, day) {
  const date = parts(day);
  if (grain === 'month') date.setUTCDate(1);
  if (grain === 'quarter') { date.setUTCDate(1); date.setUTCMonth(Math.floor(date.getUTCMonth() / 3) * 3); }
  if (grain === 'week') date.setUTCDate(date.getUTCDate() - (date.getUTCDay() + 6) % 7);
  return iso(date);
}

/** {@code start} moved by {@code count} periods of {@code grain}. */
export function addPeriods(grain, start, count) {
  const date = parts(start);
  if (grain === 'month') date.setUTCMonth(date.getUTCMonth() + count);
  else if (grain === 'quarter') date.setUTCMonth(date.getUTCMonth() + 3 * count);
  else date.setUTCDate(date.getUTCDate() + (grain === 'week' ? 7 : 1) * count);
  return iso(date);
}

export function periodLabel(grain, start) {
  const date = parts(start);
  if (grain === 'month') return `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  if (grain === 'quarter') return `Q${Math.floor(date.getUTCMonth() / 3) + 1} ${date.getUTCFullYear()}`;
  if (grain === 'week') return `Week of ${start}`;
  return start;
}

/** The "so far" mark (after a space) of a period that is running or whose data does not reach its end yet. */
export function soFar(row) {
  return row && row.complete === false
    ? [' ', el('span', { class: 'so-far', title: 'period running or its data not complete yet' }, 'so far')] : null;
}

// ------------------------------------------------------------------ the address bar

export const query = () => new URLSearchParams(location.search);

/** Replaces the page's query (so the address can be shared) without reloading. */
export function setQuery(values) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) search.set(key, value);
  history.replaceState(null, '', `${location.pathname}${search.size ? '?' + search : ''}`);
}

/** A labelled form control. */
export function field(label, control) {
  return el('label', {}, label, control);
}

export function select(name, options, chosen) {
  return el('select', { name, id: name }, options.map(([value, text]) =>
    el('option', { value, selected: value === chosen }, text)));
}

// ------------------------------------------------------------------ tables and CSV

/**
 * A table with a caption and column headers; {@code columns}: [header, numeric?]; rows: arrays of cells
 * (text or nodes).
 */
export function table(caption, columns, rows, attributes = {}) {
  return el('div', { class: 'table-wrap' }, el('table', attributes,
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, columns.map(([name, numeric]) => el('th', { scope: 'col', class: numeric ? 'num' : null }, name)))),
    el('tbody', {}, rows.length === 0
      ? el('tr', {}, el('td', { colspan: columns.length, class: 'muted' }, 'Nothing to show.'))
      : rows.map(cells => el('tr', {}, cells.map((cell, i) => el('td', { class: columns[i][1] ? 'num' : null }, cell)))))));
}

/** Offers {@code rows} (arrays of plain values) with {@code headers} as a CSV file. */
export function downloadCsv(filename, headers, rows) {
  const quote = (v) => {
    const text = v === null || v === undefined ? '' : String(v);
    const safe = /^[=+\-@]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text;
    return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const text = [headers, ...rows].map(r => r.map(quote).join(',')).join('\r\n') + '\r\n';
  const link = el('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/csv' })), download: filename });
  document.body.append(link);
  link.click();
  link.remove();
}

export function dateTime(value) {
  return value ? new Date(value).toLocaleString(LOCALE, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

export function badge(status) {
  return status ? el('span', { class: `status ${status}` }, status) : '—';
}

// ------------------------------------------------------------------ SVG charts

/**
 * A small line of {@code points} ({value, complete}); the last point hollow when its period is running.
 * The benchmark band, when given, is drawn behind it.
 */
export function sparkline(points, benchmark, label) {
  const band = benchmark && benchmark.low !== null && benchmark.high !== null ? benchmark : null;
  const width = 240;
  const height = 56;
  const values = points.map(p => p.value).filter(v => v !== null).map(Number);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, preserveAspectRatio: 'none' });
  if (values.length === 0) return svg;
  const bounds = [...values, ...(band ? [Number(band.low), Number(band.high)] : [])];
  const scale = yScale(Math.min(...bounds), Math.max(...bounds), height - 6, 4);
  const x = (i) => points.length === 1 ? width / 2 : 4 + i * (width - 8) / (points.length - 1);
  if (band) {
    svg.append(el('rect', { x: 0, width, y: scale(band.high), height: Math.max(1, scale(band.low) - scale(band.high)),
      fill: 'var(--band)' }, el('title', {}, 'benchmark band')));
  }
  svg.append(el('polyline', { points: points.map((p, i) => p.value === null ? null : `${x(i)},${scale(p.value)}`)
    .filter(Boolean).join(' '), fill: 'none', stroke: 'var(--accent)', 'stroke-width': 2, 'vector-effect': 'non-scaling-stroke' }));
  points.forEach((p, i) => {
    if (p.value !== null && p.complete === false) {
      svg.append(el('circle', { cx: x(i), cy: scale(p.value), r: 3.5, fill: '#fff', stroke: 'var(--warn)', 'stroke-width': 2 }));
    }
  });
  return svg;
}

/** Values from min to max onto pixels from bottom to top; a flat line (min = max) sits in the middle. */
function yScale(min, max, bottom, top) {
  const span = max - min || Math.abs(max) || 1;
  const low = max === min ? min - span / 2 : min;
  return (v) => bottom - (Number(v) - low) / span * (bottom - top);
}

/**
 * A line chart with axes: {@code series} [{name, points: [{x: label, value}]}] sharing the labels
 * {@code labels}; values formatted in {@code unit}.
 */
export function lineChart(labels, series, unit, title) {
  const width = 760;
  const height = 260;
  const left = 78;
  const bottom = height - 28;
  const values = series.flatMap(s => s.points.map(p => p.value)).filter(v => v !== null && v !== undefined).map(Number);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title });
  if (values.length === 0) {
    svg.append(el('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'no values in this range'));
    return svg;
  }
  const min = Math.min(0, ...values);
  const max = Math.max(...values);
  const scale = yScale(min, max, bottom, 12);
  const x = (i) => labels.length === 1 ? (left + width) / 2 : left + 10 + i * (width - left - 20) / (labels.length - 1);
  for (const tick of [min, (min + max) / 2, max]) {
    svg.append(el('line', { x1: left, x2: width, y1: scale(tick), y2: scale(tick), stroke: '#e3e6eb' }),
      el('text', { x: left - 6, y: scale(tick) + 4, 'text-anchor': 'end' }, format(tick, unit)));
  }
  const step = Math.max(1, Math.ceil(labels.length / 8));
  labels.forEach((label, i) => {
    if (i % step === 0 || i === labels.length - 1) {
      const anchor = labels.length > 1 && i === 0 ? 'start' : labels.length > 1 && i === labels.length - 1 ? 'end' : 'middle';
      svg.append(el('text', { x: x(i), y: height - 8, 'text-anchor': anchor }, label));
    }
  });
  series.forEach((s, n) => {
    const color = COLORS[n % COLORS.length];
    const byLabel = new Map(s.points.map(p => [p.x, p]));
    const drawn = labels.map((label, i) => [i, byLabel.get(label)]).filter(([, p]) => p && p.value !== null);
    svg.append(el('polyline', { points: drawn.map(([i, p]) => `${x(i)},${scale(p.value)}`).join(' '),
      fill: 'none', stroke: color, 'stroke-width': 2 }));
    for (const [i, p] of drawn) {
      svg.append(el('circle', { cx: x(i), cy: scale(p.value), r: 3.5, fill: p.complete === false ? '#fff' : color, stroke: color,
        'stroke-width': 2 }, el('title', {}, `${s.name}: ${labels[i]} ${format(p.value, unit)}${p.complete === false ? ' (so far)' : ''}`)));
    }
  });
  return svg;
}

/** Horizontal bars: groups [{label, values: [number|null]}] with one bar per series name. */
export function barChart(groups, seriesNames, unit, title) {
  const width = 760;
  const barHeight = 14;
  const left = 150;
  const groupHeight = seriesNames.length * barHeight + 12;
  const height = groups.length * groupHeight + 10;
  const values = groups.flatMap(g => g.values).filter(v => v !== null).map(Number);
  const max = Math.max(0, ...values) || 1;
  const svg = el('svg', { viewBox: `0 0 ${width} ${Math.max(height, 30)}`, role: 'img', 'aria-label': title });
  groups.forEach((g, gi) => {
    const top = 5 + gi * groupHeight;
    svg.append(el('text', { x: left - 8, y: top + groupHeight / 2, 'text-anchor': 'end' }, g.label));
    g.values.forEach((v, si) => {
      const length = v === null ? 0 : Math.max(0, Number(v)) / max * (width - left - 110);
      svg.append(el('rect', { x: left, y: top + si * barHeight, width: Math.max(length, 1), height: barHeight - 3,
        fill: COLORS[si % COLORS.length] }, el('title', {}, `${g.label} · ${seriesNames[si]}: ${format(v, unit)}`)),
      el('text', { x: left + length + 4, y: top + si * barHeight + barHeight - 4 }, format(v, unit)));
    });
  });
  return svg;
}

export function legend(names) {
  return el('ul', { class: 'legend' }, names.map((name, i) =>
    el('li', {}, el('span', { class: 'swatch', style: `background:${COLORS[i % COLORS.length]}` }), name)));
}
