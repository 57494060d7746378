// Pages through /api/v1/namespaces/NS/secrets exactly as Keyhole does
// (a Table without objects, 1000 rows and then 5000 per page, not indented),
// adds one marked row per page and, at the end, the count — the two things
// bench/browser.mjs watches for. Nothing is parsed beyond JSON.parse.
(async () => {
  const ns = new URLSearchParams(location.search).get('ns');
  // The API sits under the same prefix as the page, as for the app.
  const base = location.pathname.split('/ui/')[0];
  const accept = 'application/json;as=Table;g=meta.k8s.io;v=v1';
  let token = '';
  let count = 0;
  do {
    const query = new URLSearchParams({ limit: token ? '5000' : '1000', includeObject: 'None', pretty: 'false' });
    if (token) query.set('continue', token);
    const response = await fetch(`${base}/api/v1/namespaces/${encodeURIComponent(ns)}/secrets?${query}`, { headers: { accept } });
    const table = await response.json();
    count += table.rows.length;
    const row = document.createElement('div');
    row.dataset.testid = 'secret-row';
    row.textContent = table.rows[0]?.cells[0] ?? '';
    document.body.append(row);
    token = table.metadata.continue ?? '';
  } while (token);
  const total = document.createElement('div');
  total.dataset.testid = 'list-count';
  total.textContent = `${count} secrets`;
  document.body.append(total);
})();
