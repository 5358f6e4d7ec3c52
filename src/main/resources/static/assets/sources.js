// Sources (/sources): each connector's state from GET /api/sources — status, last success, last run,
// next run, error — and, for an admin, "test connection" (POST /api/sources/{name}/test), which asks
// the source one cheap question and says plainly what is wrong. Secrets are never shown.
import { api, badge, dateTime, el, fail, fill, isAdmin, post, start, table } from './app.js';

const me = await start('Sources');
const content = document.getElementById('content');
const result = el('p', { id: 'test-result', role: 'status' });

async function testConnection(name, button) {
  button.disabled = true;
  result.textContent = `Testing ${name}…`;
  const answer = await post(`/api/sources/${encodeURIComponent(name)}/test`);
  const body = answer.body ?? {};
  result.textContent = answer.status === 200
    ? `${name}: ${body.ok ? 'connection works' : 'connection failed'} — ${body.message ?? ''} (${body.durationMs ?? '?'} ms)`
    : `${name}: could not test — ${body.error ?? 'HTTP ' + answer.status}`;
  result.className = answer.status === 200 && body.ok ? '' : 'error';
  button.disabled = false;
}

try {
  const sources = await api('/api/sources');
  const columns = [['Source'], ['Status'], ['Enabled'], ['Last success'], ['Last run'], ['Next run'], ['Error']];
  if (isAdmin(me)) columns.push(['Connection']);
  fill(content, table('Every source the hub knows', columns, sources.map(s => {
    const cells = [s.name, badge(s.status), s.enabled ? 'yes' : 'no', dateTime(s.lastSuccessAt),
      s.lastRunId ? el('a', { href: `/syncs?source=${encodeURIComponent(s.name)}` }, `run ${s.lastRunId} (${s.lastRunStatus})`) : '—',
      dateTime(s.nextRunAt), s.error ?? ''];
    if (isAdmin(me)) {
      const button = el('button', { type: 'button', class: 'secondary', 'aria-label': `test connection of ${s.name}` }, 'Test connection');
      button.addEventListener('click', () => testConnection(s.name, button));
      cells.push(button);
    }
    return cells;
  })), result);
  content.querySelectorAll('tbody tr').forEach((tr, i) => sources[i] && (tr.dataset.source = sources[i].name));
} catch (error) {
  fail(content, error);
}
