/**
 * The guided incident report in chat (and in the dialog opened from any message, "Rapportera som
 * incident"): a draft carried on the card from step to step, checked per step in the person's
 * language, and submitted once to the use case, keyed by person and draft.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { IncidentReportInput } from '../../core/api';
import { reportIncident } from '../../core/app/incidents';
import { Refused, type Deps } from '../../core/app/platform';
import { INCIDENT_CATEGORIES, stockholmInputToUtc, utcToStockholmInput } from '../../core/domain';
import { t, type Locale, type MessageKey } from '../../core/i18n';
import { formatIssues } from '../../core/i18n/validation';
import { RecordValidationError } from '../../core/ports/errors';
import { categoryLabel, DATA_CATEGORIES, NO_SUPPLIER, receiptCard, UNKNOWN_ASSET, WIZARD_STEPS, wizardCard, type Draft, type WizardStep } from '../cards/incidents';
import { decodeDraft } from '../cards/draft-codec';
import { messageCard } from '../cards/message';
import { isShortCard, type AdaptiveCard } from '../cards/render';
import type { ActionResult, Turn } from '../teams/turn';

const str = (max: number) => z.string().max(max).catch('');
const DraftSchema = z.object({
  id: z.uuid(),
  category: str(50),
  title: str(255),
  description: str(10_000),
  discoveredDate: str(10),
  discoveredTime: str(5),
  occurredDate: str(10),
  occurredTime: str(5),
  occurredUnknown: str(5),
  assetId: str(10),
  supplierId: str(10),
  involved: str(10),
  approxSubjects: str(12),
  dataCategories: str(300),
  protectedIdentity: str(5),
});
const DRAFT_FIELDS = Object.keys(DraftSchema.shape).filter((k) => k !== 'id') as (keyof Draft)[];
const k = (key: string) => key as MessageKey;

export function newDraft(now: Date, prefill: Partial<Draft> = {}): Draft {
  const { date, time } = utcToStockholmInput(now.toISOString());
  return {
    id: randomUUID(), category: '', title: '', description: '', discoveredDate: date, discoveredTime: time, occurredDate: '', occurredTime: '', occurredUnknown: 'false',
    assetId: '', supplierId: '', involved: '', approxSubjects: '', dataCategories: '', protectedIdentity: 'false', ...prefill,
  };
}

/**
 * The draft as a card carries it: the fields of the step the card showed travel in its inputs, not
 * in the draft (cards/incidents.ts). Made once: a zod schema compiles itself on first use (ADR 023).
 */
const DraftInCard = DraftSchema.partial({ ...Object.fromEntries(DRAFT_FIELDS.map((f) => [f, true])) } as never);
const StepOfCard = z.enum(WIZARD_STEPS).catch('kind');

/** The draft from the card's data, with the inputs the person just typed laid over it. */
function readDraft(data: Record<string, unknown>): Draft {
  const parsed = DraftInCard.safeParse(decodeDraft(data.draft));
  if (!parsed.success) throw new Refused('invalid', 'incident.error.draft');
  const draft = { ...newDraftFields(), ...(parsed.data as Partial<Draft>) } as Draft;
  for (const f of DRAFT_FIELDS) {
    const v = data[f];
    if (typeof v === 'string') draft[f] = DraftSchema.shape[f].parse(v) as never;
  }
  // The "don't know" / "none" choices have a value of their own (an empty value is invalid in a card).
  if (draft.assetId === UNKNOWN_ASSET) draft.assetId = '';
  if (draft.supplierId === NO_SUPPLIER) draft.supplierId = '';
  return draft;
}

const newDraftFields = (): Omit<Draft, 'id'> => ({
  category: '', title: '', description: '', discoveredDate: '', discoveredTime: '', occurredDate: '', occurredTime: '', occurredUnknown: 'false',
  assetId: '', supplierId: '', involved: '', approxSubjects: '', dataCategories: '', protectedIdentity: 'false',
});

/** Per-step checks in the person's language; the use case validates everything again on submit. */
function stepErrors(l: Locale, step: WizardStep, d: Draft, now: Date): string[] {
  const errors: string[] = [];
  const soon = now.getTime() + 5 * 60_000;
  if (step === 'kind' && !d.category) errors.push(t(l, 'validation.required', { field: t(l, 'incident.wizard.category') }));
  else if (step === 'kind' && !(INCIDENT_CATEGORIES as readonly string[]).includes(d.category)) errors.push(t(l, 'incident.wizard.unknownCategory'));
  if (step === 'what') {
    if (!d.description.trim()) errors.push(t(l, 'validation.required', { field: t(l, 'field.description') }));
    if (!d.discoveredDate || !d.discoveredTime) errors.push(t(l, 'incident.error.dateWithoutTime'));
    else if (Date.parse(stockholmInputToUtc(d.discoveredDate, d.discoveredTime)) > soon) errors.push(t(l, 'incident.error.futureTime'));
    if (d.occurredUnknown !== 'true' && (d.occurredDate || d.occurredTime)) {
      if (!d.occurredDate || !d.occurredTime) errors.push(t(l, 'incident.error.dateWithoutTime'));
      else if (d.discoveredDate && d.discoveredTime && stockholmInputToUtc(d.occurredDate, d.occurredTime) > stockholmInputToUtc(d.discoveredDate, d.discoveredTime)) errors.push(t(l, 'incident.occurredAfterDiscovered'));
    }
  }
  if (step === 'personal') {
    if (!['yes', 'no', 'unknown'].includes(d.involved)) errors.push(t(l, 'validation.required', { field: t(l, 'incident.wizard.involved') }));
    if (d.approxSubjects && !/^\d{1,9}$/.test(d.approxSubjects.trim())) errors.push(t(l, 'validation.notInteger', { field: t(l, 'incident.wizard.subjects') }));
    if (d.dataCategories.split(',').some((c) => c && !(DATA_CATEGORIES as readonly string[]).includes(c))) errors.push(t(l, 'incident.wizard.unknownDataCategory'));
  }
  return errors;
}

function toInput(d: Draft): IncidentReportInput {
  const involved = d.involved as IncidentReportInput['personalData']['involved'];
  return {
    category: d.category as IncidentReportInput['category'],
    title: d.title.trim() || null,
    description: d.description,
    occurredAt: d.occurredUnknown === 'true' || !d.occurredDate || !d.occurredTime ? null : stockholmInputToUtc(d.occurredDate, d.occurredTime),
    discoveredAt: stockholmInputToUtc(d.discoveredDate, d.discoveredTime),
    assetId: d.assetId || null,
    supplierId: d.supplierId || null,
    personalData:
      involved === 'no'
        ? { involved, approxSubjects: null, categories: [], protectedIdentity: false }
        : {
            involved,
            approxSubjects: d.approxSubjects ? Number(d.approxSubjects) : null,
            categories: d.dataCategories.split(',').filter((c) => (DATA_CATEGORIES as readonly string[]).includes(c)),
            protectedIdentity: d.protectedIdentity === 'true',
          },
  };
}

/** The wizard's static choices: the first hundred assets and suppliers, one `$batch` (the rest is found by typing, Data.Query). */
async function registerChoices(deps: Deps) {
  const [assets, suppliers] = await deps.store.queryMany([
    { list: 'InformationAssets', options: { orderBy: { field: 'code', direction: 'asc' }, pageSize: 100 } },
    { list: 'Suppliers', options: { orderBy: { field: 'name', direction: 'asc' }, pageSize: 100 } },
  ] as const);
  return {
    assets: assets.items.map((a) => ({ title: `${a.data.code} ${a.data.name}`, value: a.id })),
    suppliers: suppliers.items.map((s) => ({ title: s.data.name, value: s.id })),
  };
}

async function reviewFacts(deps: Deps, l: Locale, d: Draft) {
  const [asset, supplier] = await Promise.all([d.assetId ? deps.store.get('InformationAssets', d.assetId) : null, d.supplierId ? deps.store.get('Suppliers', d.supplierId) : null]);
  const yn = (v: string) => t(l, v === 'yes' ? 'incident.yes' : v === 'no' ? 'incident.no' : 'incident.unknown');
  const facts = [
    { title: t(l, 'incident.notice.category'), value: d.category ? categoryLabel(l, d.category) : '' },
    ...(d.title ? [{ title: t(l, 'field.title'), value: d.title }] : []),
    { title: t(l, 'incident.notice.discovered'), value: `${d.discoveredDate} ${d.discoveredTime}` },
    { title: t(l, 'incident.notice.occurred'), value: d.occurredUnknown === 'true' || !d.occurredDate ? t(l, 'incident.unknown') : `${d.occurredDate} ${d.occurredTime}` },
    { title: t(l, 'incident.notice.asset'), value: asset ? `${asset.data.code} ${asset.data.name}` : t(l, 'incident.unknown') },
    { title: t(l, 'incident.notice.supplier'), value: supplier ? supplier.data.name : t(l, 'incident.wizard.supplier.none') },
    { title: t(l, 'incident.notice.personalData'), value: yn(d.involved) },
  ];
  if (d.involved !== 'no') {
    if (d.approxSubjects) facts.push({ title: t(l, 'incident.wizard.subjects'), value: d.approxSubjects });
    const cats = d.dataCategories.split(',').filter(Boolean).map((c) => t(l, k(`incident.dataCategory.${c}`)));
    if (cats.length) facts.push({ title: t(l, 'incident.wizard.dataCategories').replace(/ \(.*\)$/, ''), value: cats.join(', ') });
    if (d.protectedIdentity === 'true') facts.push({ title: t(l, 'incident.wizard.protected'), value: t(l, 'incident.yes') });
  }
  return facts;
}

export async function wizard(turn: Turn, step: WizardStep, draft: Draft, errors: string[], mode: 'execute' | 'submit'): Promise<AdaptiveCard> {
  const { assets, suppliers } = step === 'where' ? await registerChoices(turn.deps) : { assets: [], suppliers: [] };
  const review = step === 'review' ? await reviewFacts(turn.deps, turn.locale, draft) : undefined;
  const card = wizardCard(turn.locale, { step, draft, errors, assets, suppliers, ...(review ? { review } : {}), mode });
  if (!isShortCard(card)) return card;
  // Whatever was typed must not make the form fail: the one field that can be that long is the
  // description. Keep as much of it as fits, say so, and show the step where it is edited.
  const l = turn.locale;
  const facts = review ?? (await reviewFacts(turn.deps, l, draft));
  let lo = 0;
  let hi = draft.description.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const shorter = { ...draft, description: draft.description.slice(0, mid) };
    // It must fit where it is edited, on the step that did not fit (its lists), and on the review.
    const fits = (o: Parameters<typeof wizardCard>[1]) => !isShortCard(wizardCard(l, o));
    const ok = fits({ step: 'what', draft: shorter, errors, assets: [], suppliers: [], mode }) && fits({ step, draft: shorter, errors, assets, suppliers, review: facts, mode }) && fits({ step: 'review', draft: shorter, errors, assets: [], suppliers: [], review: facts, mode });
    if (ok) lo = mid;
    else hi = mid - 1;
  }
  // A margin for what the remaining steps add (their answers, the review's facts).
  const n = Math.floor(lo * 0.95);
  return wizardCard(l, { step: 'what', draft: { ...draft, description: draft.description.slice(0, n) }, errors: [...errors, t(l, 'incident.wizard.descriptionShortened', { n })], assets: [], suppliers: [], mode });
}

/** One step of the report flow (chat and dialog alike). Returns the next card, or the receipt. */
export async function reportStep(turn: Turn, verb: string, data: Record<string, unknown>, mode: 'execute' | 'submit'): Promise<ActionResult> {
  const l = turn.locale;
  const now = turn.deps.clock.now();
  if (verb === 'incident.report.cancel') return { card: messageCard(l, 'info', t(l, 'incident.wizard.cancelled')) };
  const draft = readDraft(data);
  const at = WIZARD_STEPS.indexOf(StepOfCard.parse(data.step));
  const step = WIZARD_STEPS[at]!;
  if (verb === 'incident.report.step' && data.go === 'back') return { card: await wizard(turn, WIZARD_STEPS[Math.max(0, at - 1)]!, draft, [], mode) };
  if (verb === 'incident.report.step') {
    const errors = stepErrors(l, step, draft, now);
    if (errors.length) return { card: await wizard(turn, step, draft, errors, mode) };
    return { card: await wizard(turn, WIZARD_STEPS[Math.min(WIZARD_STEPS.length - 1, at + 1)]!, draft, [], mode) };
  }
  // Submit: every step again, then the use case (which validates once more, against the register).
  for (const s of WIZARD_STEPS) {
    const errors = stepErrors(l, s, draft, now);
    if (errors.length) return { card: await wizard(turn, s, draft, errors, mode) };
  }
  try {
    // The key joins the person and the draft: a double click or Teams' retry makes one incident.
    // The person and the system they named are read side by side: the read cache (READ_CACHE_SECONDS)
    // keeps the system for the use case, which reads it again — one round trip less on a cold start.
    const input = toInput(draft);
    const [actor] = await Promise.all([turn.actor(), input.assetId ? turn.deps.store.get('InformationAssets', input.assetId).catch(() => null) : null]);
    const result = await reportIncident(turn.deps, actor, input, `${turn.actorId}:${draft.id}`);
    return { card: receiptCard(l, result.view, !result.created, turn.links) };
  } catch (error) {
    if (error instanceof RecordValidationError) return { card: await wizard(turn, 'review', draft, formatIssues(l, error.issues), mode) };
    if (error instanceof Refused && error.reason === 'invalid') return { card: await wizard(turn, 'review', draft, [t(l, error.messageKey, error.params)], mode) };
    throw error;
  }
}
