#!/usr/bin/env node
// Consistency check for the demo organisation in this folder: shapes, referential integrity, role coverage,
// GUIDs, dates. Run after editing any seed file: `node teams-app/local/seed/check.mjs`. Exits 1 on a problem.
// Plain Node (no dependencies) so it runs before `npm install`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = dirname(fileURLToPath(import.meta.url));
const TODAY = process.env.SEED_TODAY ?? '2026-11-28'; // the demo's "now"
const load = (f) => JSON.parse(readFileSync(join(DIR, f), 'utf8'));

const errors = [];
const fail = (where, msg) => errors.push(`${where}: ${msg}`);
const check = (cond, where, msg) => { if (!cond) fail(where, msg); };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s) => typeof s === 'string' && DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const isUtc = (s) => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(s) &&
  !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s.replace('Z', '.000Z'); // rejects 2026-02-30
const ROLE_KEYS = ['isam', 'itsec', 'dso', 'classification_lead', 'admin_unit', 'manager', 'director', 'ambassador'];

/** Every record has exactly these keys, plus any of `optional` (catches typos and drift from the documented shape). */
function shape(list, keys, file, optional = []) {
  check(Array.isArray(list), file, 'not an array');
  for (const [i, r] of (list ?? []).entries()) {
    const got = Object.keys(r).filter((k) => !optional.includes(k)).sort().join(',');
    check(got === [...keys].sort().join(','), `${file}[${i}]`, `keys ${got} ≠ ${[...keys].sort().join(',')}`);
  }
}
function unique(list, key, file) {
  const seen = new Set();
  for (const r of list) { check(!seen.has(r[key]), file, `duplicate ${key} ${r[key]}`); seen.add(r[key]); }
  return seen;
}
const dateField = (v, where, nullable = false) =>
  check((nullable && v === null) || isDate(v), where, `bad date ${JSON.stringify(v)}`);

// ------------------------------------------------------------------ units + people
const units = load('units.json');
const people = load('people.json');
shape(units, ['code', 'name', 'managerAadObjectId'], 'units');
shape(people, ['aadObjectId', 'displayName', 'email', 'unit', 'managerAadObjectId', 'roles'], 'people', ['accountEnabled', 'userType', 'userPrincipalName']);
// Accounts LIS refuses at the door (issue 17.4): a guest (userType Guest, #EXT# sign-in name) and a
// disabled account. They hold no role, own nothing and have no grants; the rest is the organisation.
const isGuest = (p) => p.userType === 'Guest' || /#EXT#/i.test(p.userPrincipalName ?? '');
const refused = (p) => p.accountEnabled === false || isGuest(p);
for (const p of people) {
  const w = `person ${p.displayName}`;
  if (p.accountEnabled !== undefined) check(p.accountEnabled === false, w, 'accountEnabled is only written when false');
  if (p.userType !== undefined) check(p.userType === 'Guest', w, 'userType is only written for a guest');
  if (p.userPrincipalName !== undefined) check(/#EXT#@soderbyn\.example$/.test(p.userPrincipalName) && isGuest(p), w, 'userPrincipalName is only written for a guest (…#EXT#@soderbyn.example)');
  if (refused(p)) check(p.roles.length === 0, w, 'a refused account holds a role');
}
check(people.some((p) => p.accountEnabled === false), 'people', 'no disabled account (the entry check needs one)');
check(people.some(isGuest), 'people', 'no guest account (the entry check needs one)');
const unitCodes = unique(units, 'code', 'units');
const personIds = unique(people, 'aadObjectId', 'people');
unique(people, 'email', 'people');
const byId = new Map(people.map((p) => [p.aadObjectId, p]));
const person = (v, where, nullable = false) => check((nullable && v === null) || personIds.has(v), where, `unknown person ${v}`);
const unit = (v, where) => check(unitCodes.has(v), where, `unknown unit ${v}`);

for (const u of units) {
  check(/^[A-Z]{2,5}$/.test(u.code), `unit ${u.code}`, 'code must be ASCII capitals');
  person(u.managerAadObjectId, `unit ${u.code}`);
  const m = byId.get(u.managerAadObjectId);
  check(m?.unit === u.code, `unit ${u.code}`, 'manager does not belong to the unit');
  check(m?.roles.includes('manager'), `unit ${u.code}`, 'manager lacks the manager role');
  check(people.some((p) => p.unit === u.code && p.roles.includes('ambassador')), `unit ${u.code}`, 'no ambassador');
}
const unitManager = new Map(units.map((u) => [u.code, u.managerAadObjectId]));
const heads = new Set(units.map((u) => u.managerAadObjectId));
for (const p of people) {
  const w = `person ${p.displayName}`;
  check(GUID.test(p.aadObjectId), w, `malformed GUID ${p.aadObjectId}`);
  check(/^d0000000-0000-4000-8000-0000000000[0-9a-f]{2}$/.test(p.aadObjectId), w, 'GUID outside the demo range');
  check(/^[a-z]+(-[a-z]+)*(\.[a-z]+(-[a-z]+)*)+@[a-z-]+\.example$/.test(p.email) && (isGuest(p) || p.email.endsWith('@soderbyn.example')), w, `email ${p.email}`);
  unit(p.unit, w);
  check(Array.isArray(p.roles) && p.roles.every((r) => ROLE_KEYS.includes(r)), w, `bad roles ${p.roles}`);
  check(new Set(p.roles).size === p.roles.length, w, 'duplicate role');
  if (p.roles.includes('director')) check(p.managerAadObjectId === null, w, 'director has a manager');
  else {
    person(p.managerAadObjectId, w);
    // Staff report to their unit's head; unit heads report to the director.
    const expected = heads.has(p.aadObjectId)
      ? people.find((q) => q.roles.includes('director'))?.aadObjectId
      : unitManager.get(p.unit);
    check(p.managerAadObjectId === expected, w, 'line manager is not the unit head (or, for a unit head, the director)');
  }
  if (p.roles.includes('admin_unit')) check(p.unit === 'ADM', w, 'admin_unit outside Administrativa enheten');
}
for (const r of ROLE_KEYS) check(people.some((p) => p.roles.includes(r)), 'roles', `no one holds ${r}`);
for (const r of ['isam', 'itsec', 'dso', 'classification_lead', 'director'])
  check(people.filter((p) => p.roles.includes(r)).length === 1, 'roles', `expected exactly one ${r}`);
check(people.filter((p) => p.managerAadObjectId === null).length === 1, 'people', 'exactly one person without a manager');

// ------------------------------------------------------------------ suppliers
const suppliers = load('suppliers.json');
shape(suppliers, ['code', 'name', 'orgNumber', 'parentCode', 'services', 'processesPersonalData', 'dpa',
  'contractOwnerAadObjectId', 'contractEndsAt', 'thirdCountry'], 'suppliers');
const supplierCodes = unique(suppliers, 'code', 'suppliers');
const supplierBy = new Map(suppliers.map((s) => [s.code, s]));
const supplier = (v, where) => check(supplierCodes.has(v), where, `unknown supplier ${v}`);
const luhn = (digits) => {
  let sum = 0;
  [...digits].forEach((c, i) => { let d = Number(c) * (i % 2 === 0 ? 2 : 1); sum += d > 9 ? d - 9 : d; });
  return sum % 10 === 0;
};
let maxDepth = 0;
for (const s of suppliers) {
  const w = `supplier ${s.code}`;
  check(/^SUP-\d{3}$/.test(s.code), w, 'code format');
  check(/^\d{6}-\d{4}$/.test(s.orgNumber) && luhn(s.orgNumber.replace('-', '')), w, `orgNumber ${s.orgNumber}`);
  if (s.parentCode !== null) supplier(s.parentCode, w);
  let depth = 1; const seen = new Set([s.code]);
  for (let c = s.parentCode; c !== null && supplierBy.has(c); c = supplierBy.get(c).parentCode) {
    if (seen.has(c)) { fail(w, 'parent cycle'); break; }
    seen.add(c); depth++;
  }
  maxDepth = Math.max(maxDepth, depth);
  const d = s.dpa;
  check(['signed', 'draft', 'missing', 'expired', 'via_parent', 'not_required'].includes(d.status), w, `dpa.status ${d.status}`);
  shape([d], ['status', 'signedAt', 'expiresAt', 'instructionAttached', 'subprocessorListAttached'], `${w} dpa`);
  dateField(d.signedAt, `${w} dpa.signedAt`, true);
  dateField(d.expiresAt, `${w} dpa.expiresAt`, true);
  if (['signed', 'expired'].includes(d.status)) check(d.signedAt !== null, w, 'signed/expired DPA without signedAt');
  if (['draft', 'missing', 'via_parent', 'not_required'].includes(d.status)) check(d.signedAt === null, w, 'unsigned DPA with signedAt');
  if (d.status === 'expired') check(d.expiresAt !== null && d.expiresAt < TODAY, w, 'expired DPA not in the past');
  if (d.status === 'signed' && d.expiresAt) check(d.expiresAt >= TODAY, w, 'signed DPA already expired');
  if (d.status === 'missing') check(s.processesPersonalData, w, 'missing DPA for a supplier without personal data');
  // via_parent: a sub-processor covered by the parent's agreement; not_required: no personal data.
  if (d.status === 'via_parent') check(s.parentCode !== null, w, 'via_parent on a direct supplier');
  if (d.status === 'not_required') check(!s.processesPersonalData, w, 'DPA needed');
  person(s.contractOwnerAadObjectId, w);
  dateField(s.contractEndsAt, `${w} contractEndsAt`, true);
  if (s.thirdCountry !== null) shape([s.thirdCountry], ['country', 'safeguard'], `${w} thirdCountry`);
}
check(maxDepth >= 3, 'suppliers', `longest sub-supplier chain is ${maxDepth}, want ≥ 3`);
check(suppliers.some((s) => s.dpa.status === 'missing'), 'suppliers', 'no supplier with a missing DPA');

// ------------------------------------------------------------------ assets
const assets = load('assets.json');
shape(assets, ['code', 'name', 'description', 'information', 'critical', 'ownerAadObjectId', 'delegateAadObjectId',
  'contactAadObjectId', 'unit', 'systemOwnerAadObjectId', 'classification', 'classifiedAt', 'priority',
  'nextReviewAt', 'supplierCodes'], 'assets');
const assetCodes = unique(assets, 'code', 'assets');
const asset = (v, where, nullable = false) => check((nullable && v === null) || assetCodes.has(v), where, `unknown asset ${v}`);
unique(assets, 'priority', 'assets');
for (const a of assets) {
  const w = `asset ${a.code}`;
  check(/^IA-\d{3}$/.test(a.code), w, 'code format');
  unit(a.unit, w);
  check(a.ownerAadObjectId === unitManager.get(a.unit), w, "owner is not the head of the asset's unit");
  person(a.delegateAadObjectId, w, true);
  // A delegate decides access in the owner's place: a manager (or the director), never someone of the
  // administrative unit, which carries the decisions out (separation of duties, docs/security.md).
  if (a.delegateAadObjectId) {
    const d = byId.get(a.delegateAadObjectId);
    check(d && (d.roles.includes('manager') || d.roles.includes('director')) && !d.roles.includes('admin_unit') && !refused(d), w, 'delegate may not approve access (needs manager or director, not admin_unit)');
    check(a.delegateAadObjectId !== a.ownerAadObjectId, w, 'owner is their own delegate');
  }
  for (const f of ['ownerAadObjectId', 'delegateAadObjectId', 'contactAadObjectId', 'systemOwnerAadObjectId']) {
    if (a[f]) check(!refused(byId.get(a[f]) ?? {}), w, `${f} is a refused account`);
  }
  person(a.contactAadObjectId, w);
  person(a.systemOwnerAadObjectId, w, true);
  check(typeof a.critical === 'boolean', w, 'critical not boolean');
  check(Number.isInteger(a.priority) && a.priority >= 1, w, 'priority');
  dateField(a.nextReviewAt, `${w} nextReviewAt`);
  a.supplierCodes.forEach((c) => supplier(c, w));
  check((a.classification === null) === (a.classifiedAt === null), w, 'classification and classifiedAt disagree');
  if (a.classification) {
    shape([a.classification], ['k', 'r', 't', 's'], `${w} classification`);
    for (const k of ['k', 'r', 't', 's'])
      check(Number.isInteger(a.classification[k]) && a.classification[k] >= 0 && a.classification[k] <= 4, w, `level ${k}`);
    dateField(a.classifiedAt, `${w} classifiedAt`);
    check(a.classifiedAt <= TODAY && a.classifiedAt < a.nextReviewAt, w, 'classifiedAt not before nextReviewAt / in the future');
  }
}
const unclassified = assets.filter((a) => a.classification === null);
const overdue = assets.filter((a) => a.classification && a.nextReviewAt < TODAY);
check(unclassified.length >= 3, 'assets', 'fewer than 3 unclassified');
check(assets.some((a) => a.classification && Object.values(a.classification).includes(4)), 'assets', 'no level-4 asset');
check(overdue.length >= 1, 'assets', 'no classification overdue for review');

// ------------------------------------------------------------------ processing activities + DPIAs
const processing = load('processing-activities.json');
shape(processing, ['code', 'name', 'purpose', 'legalBasis', 'dataSubjectCategories', 'personalDataCategories',
  'specialCategories', 'recipients', 'thirdCountryTransfers', 'retention', 'securityMeasures', 'assetCodes',
  'supplierCodes', 'ownerAadObjectId', 'unit', 'dpiaRequired'], 'processing-activities');
const processingCodes = unique(processing, 'code', 'processing-activities');
for (const p of processing) {
  const w = `processing ${p.code}`;
  check(/^PA-\d{3}$/.test(p.code), w, 'code format');
  p.assetCodes.forEach((c) => asset(c, w));
  p.supplierCodes.forEach((c) => supplier(c, w));
  person(p.ownerAadObjectId, w);
  unit(p.unit, w);
  shape(p.thirdCountryTransfers, ['country', 'safeguard'], `${w} thirdCountryTransfers`);
  // A third-country supplier implies a transfer in the record.
  for (const c of p.supplierCodes) {
    const tc = supplierBy.get(c)?.thirdCountry;
    if (tc) check(p.thirdCountryTransfers.some((t) => t.country === tc.country), w, `${c} transfers to ${tc.country} but the record says none`);
  }
}
const dpias = load('impact-assessments.json');
shape(dpias, ['code', 'processingCode', 'title', 'status', 'riskLevel', 'dsoConsultedAt', 'conclusion', 'nextReviewAt'], 'impact-assessments');
unique(dpias, 'code', 'impact-assessments');
for (const d of dpias) {
  const w = `dpia ${d.code}`;
  check(processingCodes.has(d.processingCode), w, `unknown processing ${d.processingCode}`);
  check(processing.find((p) => p.code === d.processingCode)?.dpiaRequired === true, w, 'assessed processing has dpiaRequired false');
  check(['draft', 'in_review', 'completed'].includes(d.status), w, 'status');
  check(['low', 'medium', 'high'].includes(d.riskLevel), w, 'riskLevel');
  dateField(d.dsoConsultedAt, `${w} dsoConsultedAt`, true);
  if (d.status === 'completed') check(d.dsoConsultedAt !== null, w, 'completed without consulting the DSO');
  dateField(d.nextReviewAt, `${w} nextReviewAt`);
}

// ------------------------------------------------------------------ trainings
const trainings = load('trainings.json');
shape([trainings], ['courses', 'completions'], 'trainings');
shape(trainings.courses, ['code', 'name', 'mandatory', 'audience'], 'trainings.courses');
shape(trainings.completions, ['aadObjectId', 'courseCode', 'completedAt'], 'trainings.completions');
const courseCodes = unique(trainings.courses, 'code', 'trainings.courses');
const doneKeys = new Set();
for (const c of trainings.completions) {
  const w = `completion ${c.aadObjectId}/${c.courseCode}`;
  person(c.aadObjectId, w);
  check(courseCodes.has(c.courseCode), w, 'unknown course');
  dateField(c.completedAt, w);
  check(c.completedAt <= TODAY, w, 'completed in the future');
  check(!doneKeys.has(`${c.aadObjectId}|${c.courseCode}`), w, 'duplicate completion');
  doneKeys.add(`${c.aadObjectId}|${c.courseCode}`);
}
const isManagement = (p) => p.roles.includes('manager') || p.roles.includes('director');
let due = 0, done = 0;
const perUnit = new Map();
for (const course of trainings.courses.filter((c) => c.mandatory)) {
  for (const p of people.filter((q) => !refused(q) && (course.audience === 'all' || isManagement(q)))) {
    const ok = doneKeys.has(`${p.aadObjectId}|${course.code}`);
    due++; done += ok ? 1 : 0;
    const u = perUnit.get(p.unit) ?? [0, 0]; u[0]++; u[1] += ok ? 1 : 0; perUnit.set(p.unit, u);
  }
}

// ------------------------------------------------------------------ ambassador meetings
const meetings = load('ambassador-meetings.json');
shape(meetings, ['date', 'theme', 'materialUrl', 'checklist'], 'ambassador-meetings');
const stockholmOffset = (instant) => {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', timeZoneName: 'longOffset' });
  return f.formatToParts(instant).find((x) => x.type === 'timeZoneName').value.replace('GMT', '');
};
for (const m of meetings) {
  const w = `meeting ${m.date}`;
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/.test(m.date) && !Number.isNaN(Date.parse(m.date));
  check(ok, w, 'date format');
  if (ok) check(stockholmOffset(new Date(m.date)) === m.date.slice(-6), w, 'offset is not Stockholm local time');
  check(m.materialUrl.startsWith('https://intranat.soderbyn.example/'), w, 'materialUrl');
  check(Array.isArray(m.checklist) && m.checklist.length > 0, w, 'empty checklist');
}
check(meetings.filter((m) => m.date.startsWith('2026')).length === 6, 'ambassador-meetings', 'want 6 meetings in 2026');
check(meetings.filter((m) => m.date.startsWith('2027')).length === 2, 'ambassador-meetings', 'want 2 meetings in 2027');

// ------------------------------------------------------------------ channels
const channels = load('channels.json');
shape(channels, ['role', 'teamName', 'channelName', 'conversationId', 'description'], 'channels');
unique(channels, 'conversationId', 'channels');
check([...unique(channels, 'role', 'channels')].sort().join() === 'admin,ambassadors,dso,isam', 'channels', 'roles must be isam, admin, ambassadors, dso');
for (const c of channels) check(/^19:[0-9a-f]{32}@thread\.tacv2$/.test(c.conversationId), `channel ${c.role}`, 'conversationId');

// ------------------------------------------------------------------ grants + leavers
const grants = load('grants.json');
shape(grants, ['aadObjectId', 'assetCode', 'role', 'grantedAt', 'validUntil'], 'grants');
const grantKeys = new Set();
for (const g of grants) {
  const w = `grant ${g.aadObjectId}/${g.assetCode}/${g.role}`;
  person(g.aadObjectId, w);
  check(!refused(byId.get(g.aadObjectId) ?? {}), w, "a refused account holds a grant (it would become a leaver at once)");
  asset(g.assetCode, w);
  dateField(g.grantedAt, w);
  dateField(g.validUntil, w, true);
  check(g.grantedAt <= TODAY, w, 'granted in the future');
  if (g.validUntil) check(g.validUntil > g.grantedAt, w, 'validUntil before grantedAt');
  check(!grantKeys.has(w), w, 'duplicate grant'); grantKeys.add(w);
}
const leavers = load('leavers.json');
shape(leavers, ['aadObjectId', 'lastDay', 'recordedByAadObjectId'], 'leavers');
unique(leavers, 'aadObjectId', 'leavers');
for (const l of leavers) {
  const w = `leaver ${l.aadObjectId}`;
  person(l.aadObjectId, w);
  person(l.recordedByAadObjectId, w);
  dateField(l.lastDay, w);
  check(l.lastDay >= TODAY, w, 'lastDay already passed');
}
check(leavers.some((l) => grants.filter((g) => g.aadObjectId === l.aadObjectId).length === 12), 'leavers', 'no leaver with 12 grants');

// ------------------------------------------------------------------ incidents
const incidents = load('incidents.json');
shape(incidents, ['code', 'category', 'title', 'description', 'occurredAt', 'discoveredAt', 'reportedAt',
  'reporterAadObjectId', 'assetCode', 'supplierCode', 'personalData', 'status', 'severity', 'personalDataBreach',
  'significant', 'significanceRationale'], 'incidents');
unique(incidents, 'code', 'incidents');
const CATEGORIES = ['phishing', 'misdirected', 'lost_card_or_keys', 'paper_documents', 'unauthorised_access', 'malware', 'supplier', 'other'];
for (const i of incidents) {
  const w = `incident ${i.code}`;
  check(/^INC-\d{3}$/.test(i.code), w, 'code format');
  check(CATEGORIES.includes(i.category), w, 'category');
  check(i.occurredAt === null || isUtc(i.occurredAt), w, 'occurredAt');
  check(isUtc(i.discoveredAt) && isUtc(i.reportedAt), w, 'discoveredAt/reportedAt');
  if (i.occurredAt) check(i.occurredAt <= i.discoveredAt, w, 'occurred after discovered');
  check(i.discoveredAt <= i.reportedAt, w, 'discovered after reported');
  check(i.reportedAt >= '2026-01-01' && i.reportedAt <= `${TODAY}T23:59:59Z`, w, 'reported outside Jan 2026 – today');
  person(i.reporterAadObjectId, w);
  asset(i.assetCode, w, true);
  if (i.supplierCode !== null) supplier(i.supplierCode, w);
  if (i.category === 'supplier') check(i.supplierCode !== null, w, 'supplier incident without supplierCode');
  shape([i.personalData], ['involved', 'approxSubjects', 'categories', 'protectedIdentity'], `${w} personalData`);
  check(['yes', 'no', 'unknown'].includes(i.personalData.involved), w, 'personalData.involved');
  if (i.personalData.involved === 'no') check(i.personalData.approxSubjects === null && !i.personalData.protectedIdentity, w, 'no personal data but subjects given');
  check(['reported', 'triaged', 'investigating', 'closed'].includes(i.status), w, 'status');
  check([null, 'low', 'medium', 'high', 'critical'].includes(i.severity), w, 'severity');
  check(['undecided', 'yes', 'no'].includes(i.significant), w, 'significant');
  if (i.status === 'reported') check(i.severity === null && i.personalDataBreach === null && i.significant === 'undecided', w, 'untriaged incident with decisions');
  else check(i.severity !== null && i.personalDataBreach !== null, w, 'triaged incident without severity/breach decision');
  if (i.personalDataBreach) check(i.personalData.involved === 'yes', w, 'breach without personal data');
  // A decision on significance is evidence: it needs a written rationale; undecided has none.
  check(i.significant === 'undecided' ? i.significanceRationale === null : typeof i.significanceRationale === 'string' && i.significanceRationale.length > 10, w, 'significanceRationale');
}
const breaches = incidents.filter((i) => i.personalDataBreach);
const byCat = (list) => list.reduce((m, i) => m.set(i.category, (m.get(i.category) ?? 0) + 1), new Map());
const breachCats = byCat(breaches);
check(Math.max(...breachCats.values()) === breachCats.get('misdirected'), 'incidents', 'misdirected is not the largest share of breaches');
check(incidents.some((i) => i.category === 'supplier' && i.personalData.protectedIdentity), 'incidents', 'no supplier incident with protected identity');
check(incidents.some((i) => i.status !== 'closed' && i.reportedAt.startsWith('2026-11')), 'incidents', 'no open November incident');

// ------------------------------------------------------------------ improvement actions
const actions = load('improvement-actions.json');
shape(actions, ['title', 'description', 'ownerAadObjectId', 'dueAt', 'status', 'source'], 'improvement-actions');
for (const a of actions) {
  const w = `action ${a.title}`;
  person(a.ownerAadObjectId, w);
  dateField(a.dueAt, w);
  check(['open', 'in_progress', 'done'].includes(a.status), w, 'status');
  check(['management_review', 'incident', 'audit', 'risk', 'other'].includes(a.source), w, 'source');
}

// ------------------------------------------------------------------ report
const pct = (a, b) => `${Math.round((100 * a) / b)} %`;
console.log(`people ${people.length}, units ${units.length}, assets ${assets.length} (${unclassified.length} unclassified, ${overdue.length} overdue: ${overdue.map((a) => a.code).join(' ')}),`);
console.log(`suppliers ${suppliers.length} (longest chain ${maxDepth}), processing ${processing.length}, DPIAs ${dpias.length}, grants ${grants.length}, incidents ${incidents.length}, actions ${actions.length}`);
console.log(`mandatory training: ${done}/${due} = ${pct(done, due)}; per unit: ${[...perUnit].map(([u, [d0, d1]]) => `${u} ${pct(d1, d0)}`).join(', ')}`);
console.log(`incidents by category: ${[...byCat(incidents)].map(([c, n]) => `${c} ${n}`).join(', ')}; breaches by category: ${[...breachCats].map(([c, n]) => `${c} ${n}`).join(', ')}`);
if (errors.length) {
  console.error(`\n${errors.length} problem(s):\n- ${errors.join('\n- ')}`);
  process.exit(1);
}
console.log('seed OK');
