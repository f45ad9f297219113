/** `npm run bench`: every benchmark, printed. Figures, not pass/fail. */
import os from 'node:os';
import { benchAccessReport } from './access.bench';
import { benchCpu } from './cpu.bench';
import { benchGraphCalls } from './graph-calls.bench';
import { benchIncidents } from './incidents.bench';
import { benchLoad, loadHeading, loadOptionsFromArgs } from './load.bench';
import { benchRegisters } from './registers.bench';
import { benchReports } from './reports.bench';
import { benchReview } from './review.bench';
import { benchSearch } from './search.bench';
import { benchStore } from './store.bench';
import { benchTab } from './tab.bench';
import { benchViews } from './views.bench';

console.log(`LIS för Teams benchmarks — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores`);
// The one table first (issue 18.5); `npm run bench -- --only load` prints it alone (its options too:
// --users 1,10,50 --ops 30,100,200 --warmup 10 --no-tab).
const args = process.argv.slice(2);
const loadOptions = { ...loadOptionsFromArgs(args), log: () => undefined };
console.log(`\n${loadHeading(loadOptions)}`);
const load = await benchLoad(loadOptions);
console.log(load.text);
if (args.includes('--only') && args[args.indexOf('--only') + 1] === 'load') process.exit(0);
console.log('\nRecordStore → local SharePoint server (loopback, no added latency)');
console.log(await benchStore());
console.log('\nRecordStore → local SharePoint server with 20 ms added latency per request (closer to Graph)');
console.log(await benchStore({ latencyMs: 20 }));
console.log('\nGraph calls per user operation (issue 18): round trips on the critical path, requests, operations inside $batch, beside the minimum');
console.log(await benchGraphCalls());
console.log('\nCPU per operation in the app process (issue 18.2, goal ≤ 6 ms): the local SharePoint server and the fake connector in a child process');
console.log(await benchCpu());
console.log('\nIncident reports: 50 concurrent reporters through the bot protocol (local server)');
console.log(await benchIncidents());
console.log(await benchAccessReport());
console.log('\nIncident reports to the authorities (issue 13): page, drafts, .docx, recording a report sent, the reminder job');
console.log(await benchReports());
console.log('\nEvery view and job at 1 000 and at 50 000 grants / 20 000 incidents (issue 11; data kept in .data/bench-*)');
console.log(await benchViews());
console.log('\nThe registers (issue 14): 2 000 risks — a page, a risk with its history, the heat map, the Excel export, a create, the reminder job');
console.log(await benchRegisters());
console.log('\nThe management review (issue 15): a year of figures, the review page, sending it for decision and the .docx at 50 000 grants / 20 000 incidents');
console.log(await benchReview());
console.log('\nSök and Start on a site with 20 000 incidents (tab API, local server)');
console.log(await benchSearch());
console.log('\nThe tab: initial JavaScript and time to first render in Chromium');
// Measured once, in the load bench above, unless it was told --no-tab.
console.log(load.tabText ?? (await benchTab()));
