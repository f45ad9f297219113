/**
 * What cards and the tab show of an incident, who is told about it, and the card everyone concerned
 * gets (updated in place through the outbox) after every change.
 */
import type { IncidentView } from '../../api';
import { caseNumber, involvesPersonalData, normalizeIncident, type Incident } from '../../domain';
import type { StoredOf } from '../../ports/record-store';
import { outboxRecords, Refused, type Deps, type Recipient } from '../platform';

export async function incidentView(
  deps: Deps,
  stored: StoredOf<'Incidents'>,
  options: { detailed: boolean; asset?: StoredOf<'InformationAssets'> | null; supplier?: StoredOf<'Suppliers'> | null },
): Promise<IncidentView> {
  const i = normalizeIncident(stored.data);
  const number = caseNumber(stored.id, i.reportedAt);
  const undecided = i.assessments.length === 0 || i.significant === 'undecided';
  if (!options.detailed) {
    return {
      id: stored.id, caseNumber: number, detailed: false, status: i.status, category: null, title: null, description: null, severity: i.severity,
      significant: i.significant, personalDataBreach: null, personalData: null, reportedAt: i.reportedAt, discoveredAt: null, awareAt: null, occurredAt: null,
      reporterName: null, unit: null, managerName: null, managerId: i.managerId, assetName: null, supplierName: null, clocks: i.clocks, investigation: null,
      closedAt: i.closedAt, significanceRationale: null, facts: null, undecided,
    };
  }
  const [people, asset, supplier] = await Promise.all([
    deps.directory.getPeople([i.reporterId, ...(i.managerId ? [i.managerId] : [])]),
    options.asset !== undefined ? options.asset : i.assetId ? deps.store.get('InformationAssets', i.assetId) : null,
    options.supplier !== undefined ? options.supplier : i.supplierId ? deps.store.get('Suppliers', i.supplierId) : null,
  ]);
  const name = (id: string | null) => people.find((p) => p.aadObjectId === id)?.displayName ?? null;
  return {
    id: stored.id, caseNumber: number, detailed: true, status: i.status, category: i.category, title: i.title, description: i.description, severity: i.severity,
    significant: i.significant, personalDataBreach: i.personalDataBreach, personalData: i.personalData, reportedAt: i.reportedAt, discoveredAt: i.discoveredAt,
    awareAt: i.awareAt, occurredAt: i.occurredAt, reporterName: name(i.reporterId), unit: i.reporterUnit, managerName: name(i.managerId), managerId: i.managerId,
    assetName: asset ? `${asset.data.code} ${asset.data.name}` : null, supplierName: supplier?.data.name ?? null, clocks: i.clocks,
    investigation: i.investigation, closedAt: i.closedAt, significanceRationale: i.significanceRationale, facts: i.facts, undecided,
  };
}

/** Everyone told about an incident, and whether their copy may show details. */
function audience(stored: StoredOf<'Incidents'>, asset: StoredOf<'InformationAssets'> | null): { to: Recipient; detailed: boolean }[] {
  const i = stored.data;
  const out: { to: Recipient; detailed: boolean }[] = [{ to: { type: 'channel', role: 'isam' }, detailed: !i.personalData.protectedIdentity }];
  if (i.managerId && i.managerId !== i.reporterId) out.push({ to: { type: 'person', id: i.managerId }, detailed: true });
  if (asset) {
    for (const owner of [asset.data.ownerId, asset.data.delegateId]) {
      if (owner && owner !== i.reporterId && owner !== i.managerId && !out.some((o) => o.to.type === 'person' && o.to.id === owner)) out.push({ to: { type: 'person', id: owner }, detailed: true });
    }
  }
  // The DSO hears of it as soon as the reporter says personal data is (or may be) involved, not only after triage.
  if (involvesPersonalData(i)) out.push({ to: { type: 'channel', role: 'dso' }, detailed: !i.personalData.protectedIdentity });
  return out;
}

/**
 * Sends (or updates in place) the incident card to everyone concerned: the asset is read once, each
 * view (detailed, restricted) built once, and all outbox entries written in one batch. Returns the
 * detailed view for the caller's own card.
 */
export async function announce(deps: Deps, stored: StoredOf<'Incidents'>, operationKey: string): Promise<IncidentView> {
  const { view, records } = await announcement(deps, stored, operationKey);
  await deps.store.createAll(records);
  return view;
}

/** The outbox items `announce` writes, for `finish` (one `$batch` with the audit entry), and the detailed view. */
export async function announcement(deps: Deps, stored: StoredOf<'Incidents'>, operationKey: string, known?: { asset: StoredOf<'InformationAssets'> | null; supplier?: StoredOf<'Suppliers'> | null }) {
  const asset = known ? known.asset : stored.data.assetId ? await deps.store.get('InformationAssets', stored.data.assetId) : null;
  const [detailed, restricted] = await Promise.all([incidentView(deps, stored, { detailed: true, asset, ...(known?.supplier !== undefined ? { supplier: known.supplier } : {}) }), incidentView(deps, stored, { detailed: false, asset })]);
  const at = deps.clock.now().toISOString(); // the outbox renders later; "overdue" is judged as of the change
  const records = outboxRecords(
    deps,
    `${operationKey}:notice`,
    audience(stored, asset).map((a) => ({
      to: a.to,
      card: 'incident.notice',
      payload: { view: a.detailed ? detailed : restricted, audience: a.to.type === 'channel' ? a.to.role : 'person', at },
      correlationKey: `incident:${stored.id}:notice`,
    })),
  );
  return { view: detailed, records };
}

/** An incident by id, read as the current rules read it (normalizeIncident); refused when there is none. */
export async function load(deps: Deps, id: string): Promise<StoredOf<'Incidents'>> {
  const stored = /^\d+$/.test(id) ? await deps.store.get('Incidents', id) : null;
  if (!stored) throw new Refused('not_found', 'error.notFound');
  return { ...stored, data: normalizeIncident(stored.data) };
}

export async function ownership(deps: Deps, incident: Incident) {
  if (!incident.assetId) return null;
  const asset = await deps.store.get('InformationAssets', incident.assetId);
  return asset ? { ownerId: asset.data.ownerId, delegateId: asset.data.delegateId } : null;
}
