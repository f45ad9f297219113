/** What the register descriptions share: links, people, records and choices as text. */
import { Badge, Link } from '@fluentui/react-components';
import { LinkList } from '../../../components/LinkList';
import type { ReactNode } from 'react';
import type { PersonRef, RecordRef } from '../../../../core/api';
import type { MessageKey } from '../../../../core/i18n';
import type { I18n } from '../../../app/i18n';
import { href } from '../../../app/router';
import type { FormValues } from '../spec';

export const person = (p: PersonRef | null | undefined, t: I18n['t']): string => (p ? (p.name ?? t('tab.reg.unknownPerson')) : '–');
export const refText = (r: RecordRef | null | undefined): string => (r ? `${r.code} ${r.name}` : '–');
/** Records as links that stand on their own line (44 px on a phone: LinkList). */
export const recordLinks = (path: string, rs: RecordRef[]): ReactNode => <LinkList items={rs.map((r) => ({ key: r.id, href: href(`/${path}/${r.id}`), text: refText(r) }))} />;
export const recordLink = (path: string, r: RecordRef | null | undefined): ReactNode => recordLinks(path, r ? [r] : []);
/** A web address (a document, a report) as a link of its own. */
export const urlLink = (url: string | null): ReactNode => (url ? <LinkList items={[{ key: url, href: url, text: url }]} /> : null);
export const rowLink = (path: string, id: string, text: string): ReactNode => <Link href={href(`/${path}/${id}`)}>{text}</Link>;
export const day = (i18n: I18n, d: string | null | undefined): string => (d ? i18n.date(d) : '–');
export const yesNo = (b: boolean, t: I18n['t']): string => t(b ? 'tab.reg.yes' : 'tab.reg.no');
export const list = (xs: string[]): string => (xs.length ? xs.join(', ') : '–');

/** A choice's label: `<prefix>.<value>` (the prefix names a set of keys in core/i18n). */
export const choice =
  (prefix: string) =>
  (value: string, t: I18n['t']): string =>
    t(`${prefix}.${value}` as MessageKey);

export const archivedBadge = (archived: boolean, t: I18n['t']): ReactNode =>
  archived ? (
    <Badge appearance="tint" color="informative">
      {t('tab.reg.archivedBadge')}
    </Badge>
  ) : null;

/** Today in Stockholm, `YYYY-MM-DD`. */
export function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
export function inMonths(months: number, from = today()): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 + months, Math.min(d, 28)));
  return date.toISOString().slice(0, 10);
}

export const is =
  (field: string, ...values: string[]) =>
  (v: FormValues): boolean =>
    values.includes(String(v[field] ?? ''));
