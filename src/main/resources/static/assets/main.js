// Every page address (io.revloop.web.Pages) serves the same HTML; this loads the address's page script.
const SCRIPTS = {
  '/': 'overview', '/funnel': 'funnel', '/attribution': 'attribution', '/kpis': 'kpis', '/syncs': 'syncs',
  '/sources': 'sources', '/alerts': 'alerts',
};

await import(`./${SCRIPTS[location.pathname] ?? 'overview'}.js`);
