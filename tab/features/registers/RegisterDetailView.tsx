/**
 * One record of a register (`#/<register>/:id`): its facts, the register's own sections (findings,
 * checklist, screening…), its archive state and history, and the actions the server says the person
 * may take (edit, archive, remove) — never guessed from roles.
 */
import { Badge, Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { takeFlash } from '../../app/flash';
import { useI18n } from '../../app/i18n';
import type { ViewProps } from '../../app/navigation';
import { href, navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { BackLink } from '../../components/BackLink';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Fact, Facts } from '../../components/Facts';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';
import { registerApi } from './api';
import { useDetailStyles } from './styles';
import { ArchiveActions, archiveState } from './ArchivePanel';
import { History } from './History';
import { useRegister } from './registry';
import type { RecordBase, RegisterSpec } from './spec';


export default function RegisterDetailView({ params }: ViewProps) {
  const spec = useRegister();
  return spec && params.id ? <RegisterDetail key={`${spec.path}/${params.id}`} spec={spec} id={params.id} /> : null;
}

function RegisterDetail<View extends RecordBase>({ spec, id }: { spec: RegisterSpec<unknown, View>; id: string }) {
  const styles = useDetailStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useSession();
  const reg = useMemo(() => registerApi<unknown, View>(api, spec.path), [api, spec.path]);
  const record = useAsync(() => reg.get(id), [reg, id]);
  const [flash, setFlash] = useState<string | null>(() => takeFlash());
  const view = record.data;
  const list = `/${spec.path}`;
  const Extra = spec.detailExtra;

  if (!view) {
    return record.error !== undefined ? (
      <div className={styles.root}>
        <BackLink href={href(list)}>{t('tab.reg.back', { register: t(spec.title) })}</BackLink>
        <ViewHeading>{t(spec.title)}</ViewHeading>
        <ErrorMessage error={record.error} onRetry={record.reload} />
      </div>
    ) : (
      <Spinner label={t('tab.shell.loading')} />
    );
  }
  const title = spec.heading(view, t);
  const mayEdit = !view.archive.archived && (spec.canEdit ? spec.canEdit(view) : view.canEdit === true || (view.editableFields?.length ?? 0) > 0);

  return (
    <div className={styles.root}>
      <BackLink href={href(list)}>{t('tab.reg.back', { register: t(spec.title) })}</BackLink>
      <div className={styles.head}>
        <ViewHeading>{title}</ViewHeading>
        {view.archive.archived && (
          <Badge appearance="tint" color="informative">
            {t('tab.reg.archivedBadge')}
          </Badge>
        )}
      </div>
      {flash && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{flash}</MessageBarBody>
        </MessageBar>
      )}
      {record.error !== undefined && <ErrorMessage error={record.error} onRetry={record.reload} />}
      <div className={styles.actions}>
        {mayEdit && (
          <Button appearance="primary" as="a" href={href(`${list}/${view.id}/edit`)}>
            {t('tab.reg.edit')}
          </Button>
        )}
        <ArchiveActions
          view={view}
          title={title}
          noRemove={spec.noRemove}
          words={spec.archiveWords}
          canArchive={spec.canArchive ? spec.canArchive(view) : view.canArchive === true}
          archive={(reason, key) => reg.archive(view.id, view.etag, { reason }, key).then((v) => record.set(v))}
          remove={() => reg.remove(view.id, view.etag)}
          onDone={(what) => {
            if (what === 'removed') {
              setFlash(null);
              navigate(list);
            } else setFlash(t(spec.archiveWords?.done ?? 'tab.reg.archivedDone'));
          }}
        />
      </div>
      <section className={styles.section} aria-labelledby="reg-facts">
        <h2 id="reg-facts" className={styles.h2}>
          {t('tab.reg.facts')}
        </h2>
        <Facts>
          {spec.facts(view, i18n).map(([label, value]) => (
            <Fact key={label} label={t(label)}>
              {value === null || value === undefined || value === '' ? '–' : value}
            </Fact>
          ))}
        </Facts>
      </section>
      {Extra && <Extra view={view} replace={(v) => record.set(v)} />}
      <section className={styles.section} aria-labelledby="reg-archive">
        <h2 id="reg-archive" className={styles.h2}>
          {t('tab.reg.archiveState')}
        </h2>
        <p className={styles.p}>{archiveState(view, i18n)}</p>
      </section>
      <section className={styles.section} aria-labelledby="reg-history">
        <h2 id="reg-history" className={styles.h2}>
          {t('tab.reg.history')}
        </h2>
        <History key={view.etag} first={view.history} more={(cursor) => reg.history(view.id, cursor)} />
      </section>
    </div>
  );
}
