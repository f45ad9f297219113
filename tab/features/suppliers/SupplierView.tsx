/**
 * One supplier (`#/suppliers/:id`): the facts, the PUB-avtal, the chain (parent and sub-suppliers),
 * the systems it supplies (derived from the assets), and the procurement security checklist —
 * editable by ISAM and the IT security officer, saved with If-Match (a stale etag shows the
 * current checklist instead).
 */
import { Button, Checkbox, Input, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { takeFlash } from '../../app/flash';
import { registerApi } from '../registers/api';
import { ArchiveActions, archiveState } from '../registers/ArchivePanel';
import { History } from '../registers/History';
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { MessageKey } from '../../../core/i18n';
import { ApiError } from '../../api/client';
import type { ChecklistPoint, SupplierDetail, SupplierView as Supplier } from '../../../core/api';
import { SUPPLIER_CHECKLIST_KEYS } from '../../../core/domain/choices';
import { useI18n } from '../../app/i18n';
import { href, navigate } from '../../app/router';
import type { ViewProps } from '../../app/navigation';
import { useSession } from '../../app/session';
import { BackLink } from '../../components/BackLink';
import { ErrorMessage, errorText } from '../../components/ErrorMessage';
import { Fact, Facts } from '../../components/Facts';
import { LinkList } from '../../components/LinkList';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { suppliersApi } from './api';
import { DpaBadges } from './dpa';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '72rem' },
  section: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  help: { margin: 0, color: tokens.colorNeutralForeground2 },
  point: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(16rem, 100%), 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    paddingBottom: tokens.spacingVerticalS,
    '& > *': { minWidth: 0 },
  },
});

function pointLabel(key: string, t: (k: MessageKey) => string): string {
  return (SUPPLIER_CHECKLIST_KEYS as readonly string[]).includes(key) ? t(`tab.checklist.${key as (typeof SUPPLIER_CHECKLIST_KEYS)[number]}`) : key;
}

export default function SupplierView({ params }: ViewProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useSession();
  const suppliers = useMemo(() => suppliersApi(api), [api]);
  const id = params.id ?? '';
  const supplier = useAsync(() => suppliers.get(id), [suppliers, id]);
  const reg = useMemo(() => registerApi<unknown, SupplierDetail>(api, 'suppliers'), [api]);
  const [flash, setFlash] = useState<string | null>(() => takeFlash());

  if (supplier.error !== undefined && !supplier.data) return <ErrorMessage error={supplier.error} onRetry={supplier.reload} />;
  if (!supplier.data) return <Spinner label={t('tab.shell.loading')} />;
  const s = supplier.data;
  const date = (d: string | null) => (d ? i18n.date(d) : t('tab.supplier.none'));
  const fact = (label: MessageKey, value: ReactNode) => <Fact label={t(label)}>{value}</Fact>;
  const links = (rs: { id: string; code: string; name: string }[], base: string) => rs.map((r) => ({ key: r.id, href: href(`${base}/${r.id}`), text: `${r.code} ${r.name}` }));

  return (
    <div className={styles.root}>
      <BackLink href={href('/suppliers')}>{t('tab.supplier.back')}</BackLink>
      <ViewHeading>{`${s.code} ${s.name}`}</ViewHeading>
      {flash && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{flash}</MessageBarBody>
        </MessageBar>
      )}
      {'archive' in s && (
        <div className={styles.badges}>
          {!s.archive.archived && s.editableFields.length > 0 && (
            <Button appearance="primary" as="a" href={href(`/suppliers/${s.id}/edit`)}>
              {t('tab.reg.edit')}
            </Button>
          )}
          <ArchiveActions
            view={s}
            title={`${s.code} ${s.name}`}
            canArchive={s.canArchive}
            archive={(reason, key) => reg.archive(s.id, s.etag, { reason }, key).then((v) => supplier.set(v))}
            remove={() => reg.remove(s.id, s.etag)}
            onDone={(what) => (what === 'removed' ? navigate('/suppliers') : setFlash(t('tab.reg.archivedDone')))}
          />
        </div>
      )}
      <section className={styles.section} aria-labelledby="supplier-facts">
        <h2 id="supplier-facts" className={styles.h2}>
          {t('tab.supplier.facts')}
        </h2>
        <Facts>
          {fact('tab.supplier.orgNumber', s.orgNumber ?? t('tab.supplier.none'))}
          {fact('tab.supplier.services', s.services)}
          {fact('tab.supplier.parent', s.parent ? <LinkList items={links([s.parent], '/suppliers')} /> : t('tab.supplier.none'))}
          {fact('tab.supplier.subSuppliers', s.subSuppliers.length ? <LinkList items={links(s.subSuppliers, '/suppliers')} /> : t('tab.supplier.none'))}
          {fact('tab.supplier.personalData', t(s.processesPersonalData ? 'tab.incident.yes' : 'tab.incident.no'))}
          {fact(
            'tab.supplier.dpa',
            <span className={styles.badges}>
              <DpaBadges status={s.dpaStatus} expiresAt={s.dpaExpiresAt} expiry={s.dpaExpiry} />
            </span>,
          )}
          {fact('tab.supplier.dpaSigned', date(s.dpaSignedAt))}
          {fact('tab.supplier.dpaExpires', date(s.dpaExpiresAt))}
          {fact(
            'tab.supplier.attachments',
            `${t('tab.supplier.instruction')}: ${t(s.dpaInstructionAttached ? 'tab.supplier.attached' : 'tab.supplier.notAttached')}; ${t('tab.supplier.subprocessorList')}: ${t(s.dpaSubprocessorListAttached ? 'tab.supplier.attached' : 'tab.supplier.notAttached')}`,
          )}
          {fact('tab.supplier.contractOwner', s.contractOwner?.name ?? t('tab.supplier.none'))}
          {fact('tab.supplier.contractEnds', date(s.contractEndsAt))}
          {fact('tab.supplier.thirdCountry', s.thirdCountry ? `${s.thirdCountry}${s.thirdCountrySafeguard ? ` – ${s.thirdCountrySafeguard}` : ''}` : t('tab.supplier.none'))}
          {fact('tab.supplier.followUp', t('tab.supplier.followUpDates', { last: date(s.lastFollowUpAt), next: date(s.nextFollowUpAt) }))}
        </Facts>
      </section>
      <section className={styles.section} aria-labelledby="supplier-systems">
        <h2 id="supplier-systems" className={styles.h2}>
          {t('tab.supplier.systems')}
        </h2>
        <p className={styles.help}>{t('tab.supplier.systemsHelp')}</p>
        <LinkList items={links(s.systems, '/assets')} empty={t('tab.suppliers.noSystems')} />
      </section>
      {'followUps' in s && (
        <section className={styles.section} aria-labelledby="supplier-followups">
          <h2 id="supplier-followups" className={styles.h2}>
            {t('tab.supplier.s.followUps')}
          </h2>
          {s.followUps.length === 0 ? (
            <p className={styles.help}>{t('tab.reg.noRows')}</p>
          ) : (
            <ul>
              {s.followUps.map((f) => (
                <li key={f.id}>
                  {`${date(f.plannedAt)} · ${f.focus}`}
                  {f.doneAt ? ` · ${t('tab.supplier.f.doneAt')} ${date(f.doneAt)}${f.doneBy?.name ? ` (${f.doneBy.name})` : ''}` : f.overdue ? ` · ${t('tab.reg.due')}` : ''}
                  {f.findings && <div className={styles.help}>{f.findings}</div>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {/* The checklist's answer is issue 5's page: merged into the register's, which keeps its history. */}
      <Checklist supplier={s} onSaved={(v) => supplier.set({ ...s, ...v })} />
      {'archive' in s && (
        <>
          <section className={styles.section} aria-labelledby="supplier-archive">
            <h2 id="supplier-archive" className={styles.h2}>
              {t('tab.reg.archiveState')}
            </h2>
            <p className={styles.help}>{archiveState(s, i18n)}</p>
          </section>
          <section className={styles.section} aria-labelledby="supplier-history">
            <h2 id="supplier-history" className={styles.h2}>
              {t('tab.reg.history')}
            </h2>
            <History key={s.etag} first={s.history} more={(cursor) => reg.history(s.id, cursor)} />
          </section>
        </>
      )}
    </div>
  );
}

function Checklist({ supplier, onSaved }: { supplier: Supplier; onSaved: (s: Supplier) => void }) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const suppliers = useMemo(() => suppliersApi(api), [api]);
  const [items, setItems] = useState<ChecklistPoint[]>(supplier.checklist);
  const [notice, setNotice] = useState<{ intent: 'success' | 'warning' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setItems(supplier.checklist), [supplier]);
  const readOnly = !supplier.canEditChecklist;
  const set = (key: string, patch: Partial<ChecklistPoint>) => setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      onSaved(await suppliers.saveChecklist(supplier.id, supplier.etag, items.map((x) => ({ ...x, note: x.note?.trim() || null }))));
      setNotice({ intent: 'success', text: t('tab.supplier.checklistSaved') });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.body.current) {
        onSaved(error.body.current as Supplier);
        setNotice({ intent: 'warning', text: t('tab.supplier.conflict') });
      } else setNotice({ intent: 'error', text: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={styles.section} aria-labelledby="supplier-checklist">
      <h2 id="supplier-checklist" className={styles.h2}>
        {t('tab.supplier.checklist')}
      </h2>
      {readOnly && <p className={styles.help}>{t('tab.supplier.checklistReadOnly')}</p>}
      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <form onSubmit={(e) => void submit(e)} style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS }}>
        {items.map((x) => {
          const label = pointLabel(x.key, t);
          return (
            <div key={x.key} className={styles.point}>
              <Checkbox label={label} checked={x.done} disabled={readOnly} onChange={(_, d) => set(x.key, { done: Boolean(d.checked) })} />
              {readOnly ? (
                <span className={styles.help}>{x.note ?? ''}</span>
              ) : (
                <Input aria-label={t('tab.supplier.note', { point: label })} value={x.note ?? ''} maxLength={1000} onChange={(_, d) => set(x.key, { note: d.value })} />
              )}
            </div>
          );
        })}
        {!readOnly && (
          <div>
            <Button type="submit" appearance="primary" disabled={busy}>
              {t('tab.supplier.saveChecklist')}
            </Button>
          </div>
        )}
      </form>
    </section>
  );
}
