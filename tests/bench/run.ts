/** `npm run bench`: every benchmark, printed. Figures, not pass/fail. */
import os from 'node:os';
import { benchAccessReport } from './access.bench';
import { benchIncidents } from './incidents.bench';
import { benchRegisters } from './registers.bench';
import { benchReports } from './reports.bench';
import { benchReview } from './review.bench';
import { benchStore } from './store.bench';
import { benchTab } from './tab.bench';
import { benchViews } from './views.bench';

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
console.log('\nEvery view and job at 1 000 and at 50 000 grants / 20 000 incidents (issue 11; data kept in .data/bench-*)');
console.log(await benchViews());
console.log('\nThe registers (issue 14): 2 000 risks — a page, a risk with its history, the heat map, the Excel export, a create, the reminder job');
console.log(await benchRegisters());
console.log('\nThe management review (issue 15): a year of figures, the review page, sending it for decision and the .docx at 50 000 grants / 20 000 incidents');
console.log(await benchReview());
console.log('\nThe tab: initial JavaScript and time to first render in Chromium');
console.log(await benchTab());
