/**
 * `npm run test:faults`: the full fault run (fault-run.ts) — prints its table of counts and exits
 * non-zero on any loss, duplicate, 5xx for bad input, or a slow shutdown. Options: --reports N,
 * --requests N, --kills N, --concurrency N.
 */
import { faultFailures, faultTable, runFaults } from './fault-run';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const counts = await runFaults({
  reports: arg('reports', 120),
  requests: arg('requests', 40),
  kills: arg('kills', 2),
  concurrency: arg('concurrency', 10),
  connectorDelayMs: 300,
  log: (l) => console.log(`  ${l}`),
});
console.log('\nFault run (npm run test:faults)\n');
console.log(faultTable(counts));
const failures = faultFailures(counts);
console.log(failures.length ? `\nFAILED: ${failures.join('; ')}` : '\nOK: nothing lost, nothing duplicated, no 5xx for bad input, shutdown within 10 s.');
process.exit(failures.length ? 1 : 0);
