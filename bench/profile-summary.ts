/**
 * Self time by function of a V8 CPU profile (a server run with BENCH_CPU_PROF_DIR), and by package:
 * where a benchmark's time goes, without opening DevTools.
 *
 *   npx ts-node --transpile-only bench/profile-summary.ts <file.cpuprofile> [top=25] [lastSeconds]
 *
 * With `lastSeconds`, only the samples of the profile's last seconds count (the measured step, not
 * the start-up and setup before it).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** `node_modules/<pkg>` (scoped too), the app's own `dist/src/<folder>`, or node's internals. */
function packageOf(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const app = url.indexOf('/dist/src/');
  if (app >= 0)
    return `app:${url
      .slice(app + '/dist/src/'.length)
      .split('/')
      .slice(0, 2)
      .join('/')}`;
  return url.startsWith('node:') ? 'node internals' : url ? url : '(native, GC, idle)';
}

function main(): void {
  const [file, topArg, lastArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top] [lastSeconds]');
  const top = Number(topArg ?? 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const from = lastArg ? profile.endTime - Number(lastArg) * 1e6 : -Infinity;
  const self = new Map<number, number>();
  let at = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    if (at < from) continue;
    const delta = profile.timeDeltas[i + 1] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + delta);
    total += delta;
  }
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url ? `${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}` : '';
    const name = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const pkg = functionName === '(idle)' ? '(idle)' : packageOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  const busy = total - (byPackage.get('(idle)') ?? 0);
  const line = ([name, us]: [string, number]) =>
    `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${name}`;
  console.log(`${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (percent of busy time)`);
  console.log('\nSelf time by package:');
  for (const entry of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(line(entry));
  console.log('\nSelf time by function:');
  for (const entry of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(line(entry));
}

main();
