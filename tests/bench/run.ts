/** `npm run bench`: every benchmark, printed. Figures, not pass/fail. */
import os from 'node:os';
import { benchAccessReport } from './access.bench';
import { benchIncidents } from './incidents.bench';
import { benchReports } from './reports.bench';
import { benchSearch } from './search.bench';
import { benchStore } from './store.bench';
import { benchTab } from './tab.bench';

console.log(`LIS för Teams benchmarks — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores`);
console.log('\nRecordStore → local SharePoint server (loopback, no added latency)');
console.log(await benchStore());
console.log('\nRecordStore → local SharePoint server with 20 ms added latency per request (closer to Graph)');
console.log(await benchStore({ latencyMs: 20 }));
console.log('\nIncident reports: 50 concurrent reporters through the bot protocol (local server)');
console.log(await benchIncidents());
console.log(await benchAccessReport());
console.log('\nIncident reports to the authorities (issue 13): page, drafts, .docx, recording a report sent, the reminder job');
console.log(await benchReports());
console.log('\nSök and Start on a site with 20 000 incidents (tab API, local server)');
console.log(await benchSearch());
console.log('\nThe tab: initial JavaScript and time to first render in Chromium');
console.log(await benchTab());
