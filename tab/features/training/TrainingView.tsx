/**
 * Utbildning: completion of the mandatory courses per unit and per person (whom the server lets the
 * actor see), and — for ISAM and the administrative unit — the import of the e-learning platform's
 * CSV export with the per-line report (nothing is saved when any line is wrong).
 */
import { Badge, Button, Field, MessageBar, MessageBarBody, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { ApiError, newIdempotencyKey, type ApiClient } from '../../api/client';
import type { TrainingImportResult, TrainingOverview } from '../../../core/api';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import type { ViewProps } from '../../app/navigation';
import { useSession } from '../../app/session';
import { ErrorMessage, errorText } from '../../components/ErrorMessage';
import { PagedTable } from '../../components/PagedTable';
import { useAsync } from '../../components/useAsync';
import { ViewHeading } from '../../components/ViewHeading';

export const trainingApi = (api: ApiClient) => ({
  overview: (unit?: string) => api.get<TrainingOverview>('/trainings', { unit }),
  /** The file's bytes, untouched: an older Excel writes Windows-1252, which only the server can tell from UTF-8. */
  importCsv: (bytes: ArrayBuffer, key: string) => api.upload<TrainingImportResult>('/trainings/import', bytes, { idempotencyKey: key, contentType: 'application/octet-stream' }),
});

const MAX_BYTES = 1_048_576;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  intro: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '60rem' },
  section: { backgroundColor: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  wrap: { overflowX: 'auto' },
  help: { margin: 0, color: tokens.colorNeutralForeground2 },
  form: { display: 'flex', gap: tokens.spacingHorizontalL, alignItems: 'flex-end', flexWrap: 'wrap' },
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, maxHeight: '20rem', overflowY: 'auto' },
  num: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  file: { maxWidth: '100%', '@media (max-width: 47.99em), (pointer: coarse)': { minHeight: '44px' } },
});

export default function TrainingView({ query }: ViewProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const { api } = useSession();
  const training = useMemo(() => trainingApi(api), [api]);
  const unit = query.get('unit') ?? '';
  const data = useAsync(() => training.overview(unit || undefined), [training, unit]);
  const d = data.data;

  return (
    <div className={styles.root}>
      <div>
        <ViewHeading>{t('tab.training.title')}</ViewHeading>
        <p className={styles.intro}>{t('tab.training.intro')}</p>
      </div>
      {data.error !== undefined && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {d?.canImport && <ImportSection onImported={data.reload} />}
      {d && (
        <section className={styles.section} aria-labelledby="training-units">
          <h2 id="training-units" className={styles.h2}>
            {t('tab.training.units')}
          </h2>
          <PagedTable
            label={t('tab.training.unitsCaption')}
            rows={d.units}
            rowKey={(u) => u.unit}
            columns={[
              { key: 'unit', header: t('tab.training.col.unit'), cell: (u) => u.unit },
              { key: 'people', header: t('tab.training.col.people'), align: 'end', cell: (u) => u.people },
              { key: 'done', header: t('tab.training.col.done'), align: 'end', cell: (u) => t('tab.chart.of', { value: u.completed, total: u.required }) },
              {
                key: 'share',
                header: t('tab.training.col.share'),
                cell: (u) => {
                  const share = u.required ? Math.round((100 * u.completed) / u.required) : 100;
                  return (
                    <Badge className={styles.badge} appearance="tint" color={share >= 90 ? 'success' : share >= 60 ? 'warning' : 'danger'}>
                      {t('tab.chart.percent', { value: share })}
                    </Badge>
                  );
                },
              },
            ]}
          />
        </section>
      )}
      {d && (
        <section className={styles.section} aria-labelledby="training-people">
          <h2 id="training-people" className={styles.h2}>
            {t('tab.training.people')}
          </h2>
          {!d.peopleVisible && <p className={styles.help}>{t('tab.training.ownOnly')}</p>}
          <Field label={t('tab.training.unitFilter')} style={{ maxWidth: '20rem' }}>
            <Select value={unit} onChange={(_, x) => navigate('/training', { unit: x.value || undefined }, { replace: true })}>
              <option value="">{t('tab.training.allUnits')}</option>
              {d.units.map((u) => (
                <option key={u.unit} value={u.unit}>
                  {u.unit}
                </option>
              ))}
            </Select>
          </Field>
          <PagedTable
            label={t('tab.training.peopleCaption')}
            loading={data.loading}
            rows={d.people}
            rowKey={(p) => p.id}
            minTableWidth={560 + 120 * d.courses.length}
            columns={[
              { key: 'person', header: t('tab.training.col.person'), cell: (p) => p.name },
              { key: 'unit', header: t('tab.training.col.unit'), cell: (p) => p.unit ?? '–' },
              ...d.courses.map((c) => ({
                key: c.code,
                header: <abbr title={c.name}>{c.code}</abbr>,
                label: c.name,
                cell: (p: (typeof d.people)[number]) => {
                  const cell = p.courses[c.code]!;
                  return !cell.required ? (
                    <span className={styles.help}>{t('tab.training.notRequired')}</span>
                  ) : cell.valid ? (
                    <Badge className={styles.badge} appearance="tint" color="success">
                      {i18n.date(cell.completedAt!)}
                    </Badge>
                  ) : (
                    <Badge className={styles.badge} appearance="filled" color="danger">
                      {cell.completedAt ? t('tab.training.expired', { date: i18n.date(cell.completedAt) }) : t('tab.training.missing')}
                    </Badge>
                  );
                },
              })),
            ]}
          />
        </section>
      )}
    </div>
  );
}

function ImportSection({ onImported }: { onImported: () => void }) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const training = useMemo(() => trainingApi(api), [api]);
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TrainingImportResult | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAlert(null);
    setResult(null);
    if (!file) return setAlert(t('validation.required', { field: t('tab.training.file') }));
    if (file.size > MAX_BYTES) return setAlert(t('tab.training.tooLarge'));
    setBusy(true);
    try {
      const r = await training.importCsv(await file.arrayBuffer(), newIdempotencyKey());
      setResult(r);
      onImported();
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) setResult(error.body as unknown as TrainingImportResult);
      else setAlert(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={styles.section} aria-labelledby="training-import">
      <h2 id="training-import" className={styles.h2}>
        {t('tab.training.import')}
      </h2>
      <p className={styles.help}>{t('tab.training.importHelp')}</p>
      <form className={styles.form} onSubmit={(e) => void submit(e)}>
        <div>
          <label htmlFor={fileId} style={{ display: 'block', marginBottom: tokens.spacingVerticalXS }}>
            {t('tab.training.file')}
          </label>
          <input id={fileId} className={styles.file} type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <Button type="submit" appearance="primary" disabled={busy}>
          {t('tab.training.importButton')}
        </Button>
      </form>
      {alert && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{alert}</MessageBarBody>
        </MessageBar>
      )}
      {result && (
        <div role="region" aria-labelledby="import-result" style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS }}>
          <h3 id="import-result" className={styles.h3}>
            {t('tab.training.result')}
          </h3>
          <MessageBar intent={result.report.ok ? 'success' : 'error'} role={result.report.ok ? 'status' : 'alert'}>
            <MessageBarBody>
              {result.report.ok
                ? t('tab.training.resultOk', { lines: result.report.lines, imported: result.report.imported, already: result.report.alreadyRecorded, skipped: result.skipped.length })
                : t('tab.training.resultFailed', { errors: result.errors.length })}
            </MessageBarBody>
          </MessageBar>
          {result.errors.length > 0 && (
            <>
              <h4 className={styles.h3}>{t('tab.training.errors')}</h4>
              <ul className={styles.list}>
                {result.errors.map((x, n) => (
                  <li key={n}>{x.text}</li>
                ))}
              </ul>
            </>
          )}
          {result.skipped.length > 0 && (
            <>
              <h4 className={styles.h3}>{t('tab.training.skipped')}</h4>
              <ul className={styles.list}>
                {result.skipped.map((x, n) => (
                  <li key={n}>{x.text}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
