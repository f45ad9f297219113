/**
 * State of the asset form: load, edit, classify, save. Creates carry one Idempotency-Key per
 * submission (kept for retries of the same content, so a double click or a retry after a lost
 * answer makes one record); updates carry the etag read, and a 409 loads the current record.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MessageKey } from '../../../core/i18n';
import { ApiError, newIdempotencyKey } from '../../api/client';
import type { AssetInput, AssetView, PersonRef } from '../../../core/api';
import { setFlash, takeFlash } from '../../app/flash';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { assetsApi } from './api';
import { ASPECTS, nextYearlyReview, stockholmToday, type Aspect } from './levels';

export interface AssetFormState {
  code: string;
  name: string;
  description: string;
  information: string;
  critical: boolean;
  unit: string;
  owner: PersonRef | null;
  delegate: PersonRef | null;
  contact: PersonRef | null;
  systemOwner: PersonRef | null;
  priority: string;
  levels: Record<Aspect, string>;
  /** Why each aspect has its level (KLASSA): required for every level set or changed. */
  motivations: Record<Aspect, string>;
  classifiedAt: string;
  nextReviewAt: string;
  notes: string;
}

export type Notice = { intent: 'success' | 'error' | 'warning'; text: string } | null;

/** The form's people are sent as ids: a changed person clears its id's message. */
const INPUT_FIELD: Record<string, string> = { owner: 'ownerId', delegate: 'delegateId', contact: 'contactId', systemOwner: 'systemOwnerId' };

const EMPTY: AssetFormState = {
  code: '',
  name: '',
  description: '',
  information: '',
  critical: false,
  unit: '',
  owner: null,
  delegate: null,
  contact: null,
  systemOwner: null,
  priority: '',
  levels: { confidentiality: '', integrity: '', availability: '', traceability: '' },
  motivations: { confidentiality: '', integrity: '', availability: '', traceability: '' },
  classifiedAt: '',
  nextReviewAt: '',
  notes: '',
};

export function fromView(v: AssetView): AssetFormState {
  return {
    code: v.code,
    name: v.name,
    description: v.description,
    information: v.information,
    critical: v.critical,
    unit: v.unit,
    owner: v.owner,
    delegate: v.delegate,
    contact: v.contact,
    systemOwner: v.systemOwner,
    priority: v.priority === null ? '' : String(v.priority),
    levels: Object.fromEntries(ASPECTS.map((a) => [a, v.levels[a] === null ? '' : String(v.levels[a])])) as Record<Aspect, string>,
    motivations: Object.fromEntries(ASPECTS.map((a) => [a, v.motivations[a] ?? ''])) as Record<Aspect, string>,
    classifiedAt: v.classifiedAt ?? '',
    nextReviewAt: v.nextReviewAt ?? '',
    notes: v.notes ?? '',
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s);
const level = (s: string) => (s === '' ? null : (Number(s) as 0 | 1 | 2 | 3 | 4));

/** The request body. Empty text is sent as is (the server says it is required), empty optional values as null. */
export function toInput(s: AssetFormState): AssetInput {
  return {
    code: s.code.trim(),
    name: s.name,
    description: s.description,
    information: s.information,
    critical: s.critical,
    ownerId: s.owner?.id ?? '',
    delegateId: s.delegate?.id ?? null,
    contactId: s.contact?.id ?? null,
    unit: s.unit,
    systemOwnerId: s.systemOwner?.id ?? null,
    confidentiality: level(s.levels.confidentiality),
    integrity: level(s.levels.integrity),
    availability: level(s.levels.availability),
    traceability: level(s.levels.traceability),
    classifiedAt: orNull(s.classifiedAt),
    priority: s.priority.trim() === '' ? null : Number(s.priority),
    nextReviewAt: orNull(s.nextReviewAt),
    notes: orNull(s.notes),
    // The motivation of every aspect that has a level; the server asks for a missing one.
    motivations: Object.fromEntries(ASPECTS.filter((a) => s.levels[a] !== '' && s.motivations[a].trim() !== '').map((a) => [a, s.motivations[a]])),
  };
}

/** Fields whose value differs from the record as loaded. */
export function changedInput(before: AssetInput, after: AssetInput): Partial<AssetInput> {
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof AssetInput]))) as Partial<AssetInput>;
}

export function useAssetForm(id: string | null) {
  const { api, me } = useSession();
  const { t } = useI18n();
  const assets = useMemo(() => assetsApi(api), [api]);
  const [view, setView] = useState<AssetView | null>(null);
  const [form, setForm] = useState<AssetFormState>(EMPTY);
  const [loading, setLoading] = useState(id !== null);
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [notice, setNotice] = useState<Notice>(() => {
    const flash = takeFlash();
    return flash ? { intent: 'success', text: flash } : null;
  });
  /** One key per submission of the same content: reset when the form changes. */
  const idempotencyKey = useRef<string | null>(null);
  /** Guards against a second submit before the first re-render disabled the button. */
  const inFlight = useRef(false);

  const load = useCallback(() => {
    if (id === null) return;
    setLoading(true);
    setLoadError(undefined);
    assets.get(id).then(
      (v) => {
        setView(v);
        setForm(fromView(v));
        setLoading(false);
      },
      (e: unknown) => {
        setLoadError(e);
        setLoading(false);
      },
    );
  }, [assets, id]);
  useEffect(load, [load]);

  /** The person changed these fields: their messages go (the rest stay until the next save). */
  const clearErrors = useCallback((fields: string[]) => {
    setErrors((e) => (fields.some((f) => f in e) ? Object.fromEntries(Object.entries(e).filter(([f]) => !fields.includes(f))) : e));
  }, []);

  const update = useCallback(
    (patch: Partial<AssetFormState>) => {
      idempotencyKey.current = null;
      setForm((f) => ({ ...f, ...patch }));
      clearErrors(Object.keys(patch).map((k) => INPUT_FIELD[k] ?? k));
    },
    [clearErrors],
  );

  /** A new level proposes today's classification date and a review a year later. */
  const setLevel = useCallback(
    (aspect: Aspect, value: string) => {
      setForm((f) => {
        const levels = { ...f.levels, [aspect]: value };
        const all = ASPECTS.every((a) => levels[a] !== '');
        const none = ASPECTS.every((a) => levels[a] === '');
        const today = stockholmToday();
        return {
          ...f,
          levels,
          classifiedAt: none ? '' : all ? today : f.classifiedAt,
          nextReviewAt: all ? nextYearlyReview(today) : f.nextReviewAt,
        };
      });
      idempotencyKey.current = null;
      clearErrors([aspect, 'classifiedAt', 'nextReviewAt']);
    },
    [clearErrors],
  );

  const setClassifiedAt = useCallback(
    (value: string) => {
      idempotencyKey.current = null;
      setForm((f) => ({ ...f, classifiedAt: value, nextReviewAt: /^\d{4}-\d{2}-\d{2}$/.test(value) ? nextYearlyReview(value) : f.nextReviewAt }));
      clearErrors(['classifiedAt', 'nextReviewAt']);
    },
    [clearErrors],
  );

  const canEdit = id === null ? me.permissions.createAsset : (view?.canEdit ?? false);
  const canGovern = id === null ? me.permissions.createAsset : (view?.canGovern ?? false);

  /** Saves; resolves with the fields that have errors (for focus), empty when saved. */
  const save = useCallback(async (): Promise<string[]> => {
    if (inFlight.current) return [];
    inFlight.current = true;
    setSaving(true);
    setErrors({});
    setNotice(null);
    try {
      if (id === null) {
        idempotencyKey.current ??= newIdempotencyKey();
        const created = await assets.create(toInput(form), idempotencyKey.current);
        idempotencyKey.current = null;
        setFlash(t('tab.assetForm.created', { code: created.code }));
        navigate(`/assets/${created.id}`);
        return [];
      }
      if (!view) return [];
      const patch = changedInput(toInput(fromView(view)), toInput(form));
      if (Object.keys(patch).length === 0) {
        setNotice({ intent: 'warning', text: t('tab.assetForm.unchanged') });
        return [];
      }
      const saved = await assets.update(view.id, view.etag, patch);
      setView(saved);
      setForm(fromView(saved));
      setNotice({ intent: 'success', text: t('tab.assetForm.saved') });
      return [];
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.body.issues) {
        // The messages stand at their fields and in the summary above the form (no separate notice).
        const fieldErrors = error.fieldErrors();
        setErrors(fieldErrors);
        return Object.keys(fieldErrors);
      }
      if (error instanceof ApiError && error.status === 409 && error.body.current) {
        const current = error.body.current as AssetView;
        setView(current);
        setForm(fromView(current));
        setNotice({ intent: 'error', text: t('error.conflict') });
        return [];
      }
      setNotice({ intent: 'error', text: errorMessage(error, t) });
      return [];
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  }, [assets, form, id, t, view]);

  return { view, form, update, setLevel, setClassifiedAt, save, saving, loading, loadError, reload: load, errors, notice, canEdit, canGovern };
}

function errorMessage(error: unknown, t: (k: MessageKey) => string): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('tab.error.network');
    if (error.body.message) return error.body.message;
  }
  return t('error.unexpected');
}
