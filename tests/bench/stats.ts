/** Small helpers for benchmarks: percentiles and a printed table. Benchmarks print; they never assert. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarise(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}

export function table(rows: Record<string, string | number>[]): string {
  if (!rows.length) return '';
  const cols = Object.keys(rows[0]!);
  const fmt = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : v);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => fmt(r[c] ?? '').length)));
  const line = (vals: string[]) => vals.map((v, i) => (i === 0 ? v.padEnd(width[i]!) : v.padStart(width[i]!))).join('  ');
  return [line(cols), line(width.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => fmt(r[c] ?? ''))))].join('\n');
}

/**
 * SharePoint resource units as Microsoft documents them for throttling: a single-item read 1 RU,
 * a multi-item read or any write 2 RU. A $batch costs what its inner requests cost.
 */
export function resourceUnits(method: string, url: string, innerRequests = 0): number {
  if (url.includes('/$batch')) return innerRequests * 2;
  if (method !== 'GET') return 2;
  return /\/items\/\d+(\?|$)/.test(url) ? 1 : 2;
}
