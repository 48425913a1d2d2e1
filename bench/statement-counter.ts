/**
 * Preloaded into a server under test by bench/capacity.ts with BENCH_STATEMENTS set
 * (`NODE_OPTIONS=-r ts-node/register/transpile-only -r bench/statement-counter.ts`): counts every
 * statement the pg driver sends, by its text, with the time until it answered (pool wait excluded,
 * queueing in PostgreSQL included). pg_stat_statements is not loaded on the shared cluster, so this
 * is how a step's statements are seen. SIGUSR2 writes the counts so far to
 * `BENCH_STATEMENTS_FILE.<n>` and starts again from zero.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';

export interface StatementCount {
  text: string;
  calls: number;
  ms: number;
}

const file = process.env.BENCH_STATEMENTS_FILE;
let counts = new Map<string, { calls: number; ms: number }>();
let dumps = 0;

function note(text: string, started: number): void {
  const key = text.replace(/\s+/g, ' ').trim().slice(0, 160);
  const entry = counts.get(key) ?? { calls: 0, ms: 0 };
  entry.calls += 1;
  entry.ms += performance.now() - started;
  counts.set(key, entry);
}

if (file) {
  const original = Client.prototype.query as (this: Client, ...args: unknown[]) => unknown;
  (Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
    this: Client,
    ...args: unknown[]
  ) {
    const config = args[0] as string | { text?: string } | undefined;
    const text = typeof config === 'string' ? config : config?.text;
    const callback = args.findIndex((a) => typeof a === 'function');
    if (!text) return original.apply(this, args);
    const started = performance.now();
    if (callback >= 0) {
      const cb = args[callback] as (...r: unknown[]) => unknown;
      args[callback] = (...r: unknown[]) => {
        note(text, started);
        return cb(...r);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) {
      result.then(
        () => note(text, started),
        () => note(text, started),
      );
    }
    return result;
  };
  process.on('SIGUSR2', () => {
    const rows: StatementCount[] = [...counts].map(([text, e]) => ({ text, calls: e.calls, ms: Math.round(e.ms) }));
    rows.sort((a, b) => b.calls - a.calls);
    // Written whole then renamed: the harness waits for the name to appear.
    writeFileSync(`${file}.tmp`, JSON.stringify(rows, null, 1));
    renameSync(`${file}.tmp`, `${file}.${dumps++}`);
    counts = new Map();
  });
}
