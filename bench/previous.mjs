// The previous report's targets, read back from the file a run is about to
// overwrite, so the new report shows each figure next to the last one.
// Only the Markdown table under "## Targets" is read: rows of
// | target | secrets | measured | limit | met |.

export function previousTargets(markdown) {
  if (!markdown) return null;
  const written = markdown.match(/^Written by .* on (\S+?)\.? /m)?.[1] ?? null;
  const commit = markdown.match(/^\| Keyhole commit; dist\/ built \| ([0-9a-f]+);/m)?.[1] ?? null;
  // Ratios against kubectl move with the machine (kubectl is mostly process
  // start-up, the page mostly the browser), so the column says where it ran.
  const cpu = markdown.match(/^\| CPU \| (.+?) \|$/m)?.[1] ?? null;
  const section = markdown.split(/^## Targets\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const measured = new Map();
  for (const line of section.split('\n')) {
    const cells = tableCells(line);
    if (cells.length < 5 || cells[0] === 'target' || /^-+$/.test(cells[0])) continue;
    measured.set(key(cells[0], cells[1]), cells[2]);
  }
  return measured.size ? { written, commit, cpu, measured } : null;
}

// The cells of one Markdown table row (none for a line that is not one).
function tableCells(line) {
  return line.split('|').slice(1, -1).map((c) => c.trim());
}

// Rows are matched by what they measure, whatever the limit column says.
export function key(target, secrets) {
  return `${target.replace(/\*\*/g, '')}|${secrets}`;
}

// The leading ratio (1.755x) or size (636.4 KB) of a previous cell, as a number.
export function leadingNumber(cell) {
  const m = cell?.match(/^([\d.,]+)\s*(x|KB|ms)?/);
  return m ? Number(m[1].replace(/,/g, '')) : null;
}

// The same for bench/RESULTS-all-namespaces.md, whose targets table has no
// "secrets" column: | target | measured | limit | met |, the first table of
// the file. `written` is the date its first paragraph gives.
export function previousSimpleTargets(markdown) {
  if (!markdown) return null;
  const written = markdown.match(/, (\d{4}-\d\d-\d\d \d\d:\d\d) UTC,/)?.[1] ?? null;
  const commit = markdown.match(/Keyhole commit ([0-9a-f]+)/)?.[1] ?? null;
  const measured = new Map();
  let inTable = false;
  for (const line of markdown.split('\n')) {
    const cells = tableCells(line);
    if (cells[0] === 'target' && cells[1] === 'measured') { inTable = true; continue; }
    if (!inTable) continue;
    if (!line.startsWith('|')) break;
    if (cells.length < 4 || /^-+$/.test(cells[0])) continue;
    measured.set(cells[0], cells[1]);
  }
  return measured.size ? { written, commit, measured } : null;
}
