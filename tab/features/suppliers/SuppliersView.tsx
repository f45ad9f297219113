/**
 * Leverantörer: every supplier with its chain of sub-suppliers (underbiträden) as a tree — a
 * Fluent UI tree (role="tree": arrow keys move, right/left open and close, Enter opens the
 * supplier) — with the PUB-avtal status (expiry highlighted), the systems it supplies and how far
 * the procurement security checklist has come. Search by the start of the name lists matches flat.
 */
import { Badge, Button, Field, Input, MessageBar, MessageBarBody, Select, Spinner, Tree, TreeItem, TreeItemLayout, makeStyles, mergeClasses, tokens, type TreeItemValue, type TreeOpenChangeData } from '@fluentui/react-components';
import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import type { SupplierNode } from '../../../core/api';
import { useI18n } from '../../app/i18n';
import { href, navigate } from '../../app/router';
import type { ViewProps } from '../../app/navigation';
import { useSession } from '../../app/session';
import { ErrorMessage, errorText } from '../../components/ErrorMessage';
import { saveFile } from '../registers/api';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { suppliersApi } from './api';
import { DpaBadges } from './dpa';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  intro: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '60rem' },
  note: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  filters: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(14rem, 100%), 24rem))', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`, alignItems: 'start' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  tree: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalS,
    // A hovered item takes the theme's hover colours: its muted texts follow (high contrast: no grey on cyan).
    '& .fui-TreeItemLayout:hover .lis-muted, & .fui-TreeItemLayout:active .lis-muted': { color: 'inherit' },
  },
  main: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS },
  name: { fontWeight: tokens.fontWeightSemibold },
  code: { color: tokens.colorNeutralForeground2, fontVariantNumeric: 'tabular-nums' },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', paddingTop: '1px', paddingBottom: '1px' },
});

function allIds(nodes: SupplierNode[], out: string[] = []): string[] {
  for (const n of nodes) {
    if (n.children.length) out.push(n.id);
    allIds(n.children, out);
  }
  return out;
}

export default function SuppliersView({ query }: ViewProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const suppliers = useMemo(() => suppliersApi(api), [api]);
  const search = query.get('search') ?? '';
  const archived = query.get('archived') === 'archived' || query.get('archived') === 'all' ? query.get('archived')! : 'active';
  const [text, setText] = useState(search);
  useEffect(() => setText(search), [search]);
  useEffect(() => {
    if (text === search) return;
    const timer = setTimeout(() => navigate('/suppliers', { search: text.trim() || undefined, archived: archived === 'active' ? undefined : archived }, { replace: true }), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const tree = useAsync(() => suppliers.tree(search || undefined, archived), [suppliers, search, archived]);
  const [exportError, setExportError] = useState<string | null>(null);
  const exportXlsx = async () => {
    setExportError(null);
    try {
      saveFile(await api.download('/suppliers/export.xlsx', { search: search || undefined, archived }), 'suppliers.xlsx');
    } catch (e) {
      setExportError(errorText(e, t));
    }
  };
  const [closed, setClosed] = useState<Set<TreeItemValue>>(new Set());
  const openItems = useMemo(() => allIds(tree.data?.roots ?? []).filter((id) => !closed.has(id)), [tree.data, closed]);

  const onOpenChange = (_: unknown, data: TreeOpenChangeData) => {
    // A click (or Enter) on an item opens the supplier; the chevron and the arrow keys open and close.
    if (data.type === 'Click' || data.type === 'Enter') return;
    setClosed((c) => {
      const next = new Set(c);
      if (data.open) next.delete(data.value);
      else next.add(data.value);
      return next;
    });
  };

  const open = (id: string) => (e: MouseEvent<HTMLElement>) => {
    const target = e.target as HTMLElement;
    if (target.closest('[role="treeitem"]') !== e.currentTarget) return; // a sub-supplier's click bubbling up
    if (target.closest('.fui-TreeItemLayout__expandIcon')) return;
    navigate(`/suppliers/${id}`);
  };

  const item = (n: SupplierNode) => (
    <TreeItem key={n.id} value={n.id} itemType={n.children.length ? 'branch' : 'leaf'} onClick={open(n.id)} aria-description={n.services}>
      <TreeItemLayout>
        <span className={styles.main}>
          <span className={mergeClasses('lis-muted', styles.code)}>{n.code}</span>
          <span className={styles.name}>{n.name}</span>
          <DpaBadges status={n.dpaStatus} expiresAt={n.dpaExpiresAt} expiry={n.dpaExpiry} />
          <span className={mergeClasses('lis-muted', styles.meta)}>{n.systems.length ? `${t('tab.suppliers.systems', { n: n.systems.length })}: ${n.systems.map((s) => s.code).join(', ')}` : t('tab.suppliers.noSystems')}</span>
          <Badge className={styles.badge} appearance="outline" color={n.checklist.done === n.checklist.total ? 'success' : 'informative'}>
            {t('tab.suppliers.checklist', { done: n.checklist.done, total: n.checklist.total })}
          </Badge>
        </span>
      </TreeItemLayout>
      {n.children.length > 0 && <Tree>{n.children.map(item)}</Tree>}
    </TreeItem>
  );

  return (
    <div className={styles.root}>
      <div>
        <ViewHeading>{t('tab.suppliers.title')}</ViewHeading>
        <p className={styles.intro}>{t('tab.suppliers.intro')}</p>
      </div>
      <div className={styles.actions}>
        {/* Creating suppliers goes with keeping their checklist: ISAM and the IT security officer (the server checks again). */}
        {tree.data?.canEditChecklist && (
          <Button appearance="primary" as="a" href={href('/suppliers/new')}>
            {t('tab.supplier.new')}
          </Button>
        )}
        <Button onClick={() => void exportXlsx()}>{t('tab.reg.export')}</Button>
      </div>
      {exportError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{exportError}</MessageBarBody>
        </MessageBar>
      )}
      <div role="search" aria-label={t('tab.suppliers.search')} className={styles.filters}>
        <Field label={t('tab.suppliers.search')} hint={t('tab.suppliers.searchHint')}>
          <Input type="search" value={text} onChange={(_, d) => setText(d.value)} />
        </Field>
        <Field label={t('tab.reg.archivedFilter')}>
          <Select value={archived} onChange={(_, d) => navigate('/suppliers', { search: search || undefined, archived: d.value === 'active' ? undefined : d.value }, { replace: true })}>
            {(['active', 'archived', 'all'] as const).map((a) => (
              <option key={a} value={a}>
                {t(`tab.reg.archived.${a}`)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {tree.error !== undefined && <ErrorMessage error={tree.error} onRetry={tree.reload} />}
      {!tree.data && tree.loading && <Spinner label={t('tab.table.loading')} />}
      {tree.data && (
        <>
          <p className={styles.note} id="supplier-tree-help">
            {t('tab.suppliers.count', { n: tree.data.total })}. {t('tab.suppliers.treeHelp')}
          </p>
          {tree.data.roots.length === 0 ? (
            <p>{t('tab.table.empty')}</p>
          ) : (
            <Tree className={styles.tree} aria-label={t('tab.suppliers.tree')} aria-describedby="supplier-tree-help" openItems={openItems} onOpenChange={onOpenChange}>
              {tree.data.roots.map(item)}
            </Tree>
          )}
        </>
      )}
    </div>
  );
}
