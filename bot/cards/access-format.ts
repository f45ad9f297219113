/**
 * Shared wording of the access cards: names, dates in Europe/Stockholm, kinds, states and the facts
 * of a request. Everything returned here goes into a card's `t` part (escaped by renderTemplate),
 * except where a function says it is for `v` (button titles, choice titles, input labels).
 */
import type { AssetRef, PersonRef, RequestView } from '../../core/app/access';
import type { DeciderCapacity } from '../../core/domain';
import { STOCKHOLM } from '../../core/domain';
import { t, type Locale } from '../../core/i18n';

export const personName = (locale: Locale, p: PersonRef | null | undefined): string => (p ? (p.name ?? t(locale, 'access.unknownPerson')) : t(locale, 'access.nobody'));
export const personWithUnit = (locale: Locale, p: PersonRef): string => (p.unit && p.name ? `${p.name} (${p.unit})` : personName(locale, p));
/**
 * A decider's name and, unless they are the owner, the capacity they decide in — "Camilla Norén
 * (ersättare för informationsägaren)", "Karin Ekström (informationsägarens chef)" — so everyone,
 * the administrative unit first, sees who approved what and why they could (issue 17.3).
 */
export const deciderName = (locale: Locale, p: PersonRef | null | undefined, as: DeciderCapacity | null | undefined): string =>
  as && as !== 'owner' ? `${personName(locale, p)} (${t(locale, `access.as.${as}`)})` : personName(locale, p);
export const assetLabel = (locale: Locale, a: AssetRef | null | undefined): string => (a ? `${a.code} ${a.name}` : t(locale, 'access.unknownAsset'));

const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: STOCKHOLM, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat('sv-SE', { timeZone: STOCKHOLM, year: 'numeric', month: '2-digit', day: '2-digit' });

/** An instant as Stockholm wall time, `2026-11-28 10:15` (the same in both languages). */
export const dateTime = (iso: string | null | undefined): string => (iso ? stamp.format(new Date(iso)) : '');
/** The Stockholm calendar date of an instant, or a calendar date as it is. */
export const dateOf = (value: string | null | undefined): string => (!value ? '' : /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : day.format(new Date(value)));

export const validity = (locale: Locale, validUntil: string | null): string => (validUntil ? t(locale, 'access.validThrough', { date: validUntil }) : t(locale, 'access.permanent'));

export function kindLabel(locale: Locale, kind: RequestView['kind']): string {
  return t(locale, kind === 'new' ? 'access.kind.new' : kind === 'change' ? 'access.kind.change' : 'access.kind.termination');
}

export interface Fact {
  title: string;
  value: string;
}

/** The facts every card about a request shows, in the same order. */
export function requestFacts(locale: Locale, r: RequestView, options: { requester?: boolean } = {}): Fact[] {
  const facts: Fact[] = [
    { title: t(locale, 'access.fact.kind'), value: kindLabel(locale, r.kind) },
    { title: t(locale, 'access.fact.person'), value: personWithUnit(locale, r.subject) },
  ];
  if (options.requester !== false && r.requester.id.toLowerCase() !== r.subject.id.toLowerCase() && r.origin === 'request') {
    facts.push({ title: t(locale, 'access.fact.requester'), value: personWithUnit(locale, r.requester) });
  }
  facts.push({ title: t(locale, 'access.fact.asset'), value: assetLabel(locale, r.asset) });
  if (r.kind === 'change' && r.grant) {
    facts.push({ title: t(locale, 'access.fact.role'), value: r.grant.role === r.role ? r.role : `${r.grant.role} → ${r.role}` });
    facts.push({ title: t(locale, 'access.fact.validUntil'), value: r.grant.validUntil === r.validUntil ? validity(locale, r.validUntil) : `${validity(locale, r.grant.validUntil)} → ${validity(locale, r.validUntil)}` });
  } else {
    facts.push({ title: t(locale, 'access.fact.role'), value: r.role });
    if (r.kind === 'new') facts.push({ title: t(locale, 'access.fact.validUntil'), value: validity(locale, r.validUntil) });
    else if (r.validUntil) facts.push({ title: t(locale, r.origin === 'expiry' ? 'access.fact.expiredOn' : 'access.fact.endsOn'), value: r.validUntil });
  }
  if (r.origin !== 'request') facts.push({ title: t(locale, 'access.fact.reason'), value: t(locale, `access.origin.${r.origin}`) });
  facts.push({ title: t(locale, r.origin === 'request' ? 'access.fact.requestedAt' : 'access.fact.createdAt'), value: dateTime(r.requestedAt) });
  return facts;
}

export type Tone = 'default' | 'good' | 'warning' | 'attention' | 'accent';

/** One sentence saying where the request stands, and the colour to show it in. */
export function requestState(locale: Locale, r: RequestView): { text: string; tone: Tone } {
  const decider = deciderName(locale, r.decidedBy, r.decidedAs);
  const at = dateTime(r.decidedAt);
  switch (r.status) {
    case 'pending':
      return { text: t(locale, 'access.state.pending', { names: r.deciders.map((d) => deciderName(locale, d, d.as)).join(t(locale, 'access.or')) }), tone: 'accent' };
    case 'approved':
      return { text: r.decidedBy ? t(locale, 'access.state.approved', { name: decider, at }) : t(locale, 'access.state.toDo'), tone: 'good' };
    case 'denied':
      return { text: t(locale, 'access.state.denied', { name: decider, at }), tone: 'attention' };
    case 'in_progress':
      return { text: t(locale, 'access.state.inProgress', { name: personName(locale, r.takenBy), at: dateTime(r.takenAt) }), tone: 'warning' };
    case 'done':
      return { text: t(locale, 'access.state.done', { name: personName(locale, r.completedBy), at: dateTime(r.completedAt) }), tone: 'good' };
    case 'cancelled':
      return { text: t(locale, 'access.state.cancelled'), tone: 'default' };
  }
}
