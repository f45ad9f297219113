/** Performance marks the benchmark reads (tests/bench/tab.bench.ts): set once per page load. */
const marked = new Set<string>();

export function markOnce(name: 'lis:first-render' | 'lis:overview-ready' | 'lis:assets-ready' | 'lis:register-ready' | 'lis:home-ready' | 'lis:search-ready'): void {
  if (marked.has(name)) return;
  marked.add(name);
  try {
    performance.mark(name);
  } catch {
    // Marks are a measurement aid only.
  }
}
