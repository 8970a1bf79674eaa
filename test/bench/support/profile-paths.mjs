// Which of the project's code paths a V8 .cpuprofile spends its time in. chat-fanout's profile-summary.mjs gives
// self time by function and package; this adds, per sample, the whole stack:
//   - inclusive time of the project's own functions (dist/ code), each sample counted once per function;
//   - every busy sample charged to its innermost project frame (the code of ours that asked for that work, be it
//     pg, TypeORM, a syscall or the garbage collector), with the top libraries under each.
// Usage: node test/bench/support/profile-paths.mjs <file.cpuprofile> [top=25]
import fs from 'node:fs';

export function profilePaths(file, top = 25) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const deltas = profile.timeDeltas ?? [];

  const inclusive = new Map();
  const charged = new Map(); // innermost project frame -> { us, libs: Map }
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const us = deltas[i + 1] ?? deltas[i] ?? 0;
    const leaf = byId.get(profile.samples[i]);
    if (!leaf || leaf.callFrame.functionName === '(idle)') continue;
    busy += us;
    const seen = new Set();
    let owner;
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id).callFrame;
      if (!isProject(frame.url)) continue;
      const name = label(frame);
      owner ??= name;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
    const key = owner ?? '(no project frame: framework, I/O callbacks, GC)';
    const entry = charged.get(key) ?? { us: 0, libs: new Map() };
    entry.us += us;
    const lib = packageOf(leaf.callFrame);
    entry.libs.set(lib, (entry.libs.get(lib) ?? 0) + us);
    charged.set(key, entry);
  }
  const pct = (us) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  const lines = [`busy ${(busy / 1000).toFixed(0)} ms`, 'inclusive time of project functions:'];
  for (const [name, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`);
  lines.push('busy time charged to the innermost project frame (top libraries under it):');
  for (const [name, entry] of [...charged].sort((a, b) => b[1].us - a[1].us).slice(0, top)) {
    const libs = [...entry.libs]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([lib, us]) => `${lib} ${((100 * us) / entry.us).toFixed(0)}%`)
      .join(', ');
    lines.push(`${pct(entry.us)}  ${(entry.us / 1000).toFixed(0).padStart(6)} ms  ${name}  [${libs}]`);
  }
  return lines.join('\n');
}

const isProject = (url) => Boolean(url) && url.includes('/dist/') && !url.includes('node_modules');

function label(frame) {
  const where = frame.url.split('/dist/')[1] ?? frame.url;
  return `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
}

function packageOf(frame) {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : `native ${functionName}`;
  if (url.startsWith('node:')) return 'node internals';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  return 'project';
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  process.stdout.write(`${profilePaths(process.argv[2], Number(process.argv[3] ?? 25))}\n`);
}
