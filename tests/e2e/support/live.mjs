// Watching the secrets list stay live: the watch requests a page makes, a
// record of whether the "live updates paused" note ever showed, and the names
// the list holds.

// Every watch request the page sends, in order (URLs only, never bodies).
export function recordWatchRequests(page) {
  const urls = [];
  page.on('request', (req) => {
    if (req.url().includes('watch=1')) urls.push(req.url());
  });
  return urls;
}

// Installs a MutationObserver that remembers if `[data-testid=live-problem]`
// was ever in the page, even for a moment between two polls of the test.
export async function recordLiveProblem(page) {
  await page.evaluate(() => {
    const selector = '[data-testid=live-problem]';
    window.__liveProblemSeen = document.querySelector(selector) !== null;
    new MutationObserver((mutations) => {
      for (const m of mutations) {
        for (const node of m.addedNodes) {
          if (node.nodeType === Node.ELEMENT_NODE && (node.matches(selector) || node.querySelector(selector))) {
            window.__liveProblemSeen = true;
          }
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  return () => page.evaluate(() => window.__liveProblemSeen);
}

// The names of the rows in the list, sorted (the list is short: all rows render).
export function listedNames(page) {
  return page.locator('[data-testid=secret-row]').evaluateAll((rows) => rows.map((r) => r.dataset.name).sort());
}

// The secret names kubectl sees in a namespace, sorted.
export async function clusterNames(cluster, namespace) {
  const r = await cluster.kubectl(['get', 'secrets', '-n', namespace, '-o', 'json']);
  if (!r.ok) throw new Error(r.stderr);
  return JSON.parse(r.stdout).items.map((s) => s.metadata.name).sort();
}

// Creates an Opaque secret with kubectl (create, not apply: no annotation
// repeating the value).
export async function createSecret(cluster, namespace, name, data) {
  const manifest = {
    apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name, namespace },
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  };
  const r = await cluster.kubectl(['create', '-f', '-'], { input: JSON.stringify(manifest) });
  if (!r.ok) throw new Error(r.stderr);
}
