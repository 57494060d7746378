// The previous report's targets, read back from the file a run is about to
// overwrite, so the new report shows each figure next to the last one.
// Only the Markdown table under "## Targets" is read: rows of
// | target | secrets | measured | limit | met |.

export function previousTargets(markdown) {
  if (!markdown) return null;
  const written = markdown.match(/^Written by .* on (\S+?)\.? /m)?.[1] ?? null;
  const commit = markdown.match(/^\| Keyhole commit; dist\/ built \| ([0-9a-f]+);/m)?.[1] ?? null;
  const section = markdown.split(/^## Targets\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const measured = new Map();
  for (const line of section.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length < 5 || cells[0] === 'target' || /^-+$/.test(cells[0])) continue;
    measured.set(key(cells[0], cells[1]), cells[2]);
  }
  return measured.size ? { written, commit, measured } : null;
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
