/**
 * The access request form's state: what is chosen, the choices the server offers for it (the
 * chosen person's grants in the chosen system, for a change or an end of access), the errors per
 * field (each goes away when its field is changed), and sending it once. One form is one request:
 * its id goes as the Idempotency-Key, so a double click or a retry makes no second request.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AccessRequestDetail, PersonRef, RecordRef, RequestFormOptions } from '../../../core/api';
import { ApiError, newIdempotencyKey } from '../../api/client';
import { useSession } from '../../app/session';
import { homeApi } from './api';

export type Kind = 'new' | 'change' | 'termination';

export interface RequestDraft {
  kind: Kind;
  forSelf: boolean;
  colleague: PersonRef | null;
  asset: RecordRef | null;
  grantId: string;
  role: string;
  justification: string;
  validUntil: string;
}

const EMPTY: RequestDraft = { kind: 'new', forSelf: true, colleague: null, asset: null, grantId: '', role: '', justification: '', validUntil: '' };

/** Form fields as the server names them in its validation answer. */
export type FieldName = 'kind' | 'subjectId' | 'assetId' | 'grantId' | 'role' | 'justification' | 'validUntil';

const FIELD_OF: Partial<Record<keyof RequestDraft, FieldName[]>> = {
  kind: ['kind', 'grantId', 'role'],
  forSelf: ['subjectId'],
  colleague: ['subjectId'],
  asset: ['assetId', 'grantId'],
  grantId: ['grantId'],
  role: ['role'],
  justification: ['justification'],
  validUntil: ['validUntil'],
};

export function useRequestAccess(messages: { required: string }) {
  const { api } = useSession();
  const calls = useMemo(() => homeApi(api), [api]);
  const [draft, setDraft] = useState<RequestDraft>(EMPTY);
  const [options, setOptions] = useState<RequestFormOptions | null>(null);
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const [errors, setErrors] = useState<Partial<Record<FieldName | '_', string>>>({});
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<AccessRequestDetail | null>(null);
  const [failure, setFailure] = useState<unknown>(undefined);
  const formId = useRef(newIdempotencyKey());

  const subjectId = draft.forSelf ? (options?.self.id ?? null) : (draft.colleague?.id ?? null);

  // The choices for what is chosen: the grants need the person and the system (and only matter for a change or an end).
  useEffect(() => {
    let live = true;
    const wantsGrants = draft.kind !== 'new' && subjectId && draft.asset;
    calls
      .requestForm(wantsGrants ? { kind: draft.kind, subjectId: subjectId!, assetId: draft.asset!.id } : {})
      .then((o) => {
        if (!live) return;
        setOptions((before) => (wantsGrants || !before ? o : { ...o, grants: [] }));
        setLoadError(undefined);
      })
      .catch((e: unknown) => live && setLoadError(e));
    return () => {
      live = false;
    };
  }, [calls, draft.kind, subjectId, draft.asset?.id]);

  const grants = draft.kind !== 'new' && subjectId && draft.asset ? (options?.grants ?? []) : [];

  const change = useCallback(<K extends keyof RequestDraft>(field: K, value: RequestDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value, ...(field === 'asset' || field === 'kind' || field === 'colleague' || field === 'forSelf' ? { grantId: '' } : {}) }));
    // A field's error goes when the field is changed.
    setErrors((e) => {
      const next = { ...e };
      for (const f of FIELD_OF[field] ?? []) delete next[f];
      delete next._;
      return next;
    });
  }, []);

  /** What the person must fill in before the server is asked (the server checks it all again). */
  const check = (d: RequestDraft): Partial<Record<FieldName, string>> => {
    const e: Partial<Record<FieldName, string>> = {};
    if (!d.forSelf && !d.colleague) e.subjectId = messages.required;
    if (!d.asset) e.assetId = messages.required;
    if (d.kind !== 'new' && d.asset && grants.length > 1 && !d.grantId) e.grantId = messages.required;
    if (d.kind === 'new' && !d.role.trim()) e.role = messages.required;
    if (d.kind !== 'termination' && !d.justification.trim()) e.justification = messages.required;
    return e;
  };

  const submit = useCallback(async (): Promise<FieldName | null> => {
    if (busy) return null;
    const local = check(draft);
    if (Object.keys(local).length) {
      setErrors(local);
      return (Object.keys(local)[0] as FieldName) ?? null;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const view = await calls.submitRequest(
        {
          kind: draft.kind,
          subjectId,
          assetId: draft.asset?.id ?? null,
          role: draft.kind === 'termination' ? null : draft.role.trim() || null,
          justification: draft.kind === 'termination' ? draft.justification.trim() || null : draft.justification.trim() || null,
          validUntil: draft.kind === 'termination' ? null : draft.validUntil || null,
          grantId: draft.kind === 'new' ? null : draft.grantId || (grants.length === 1 ? grants[0]!.id : null),
        },
        formId.current,
      );
      setSent(view);
      return null;
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.body.issues?.length) {
        const byField: Partial<Record<FieldName | '_', string>> = {};
        for (const [field, messages] of Object.entries(error.fieldErrors())) {
          const key = (['kind', 'subjectId', 'assetId', 'grantId', 'role', 'justification', 'validUntil'].includes(field) ? field : '_') as FieldName | '_';
          byField[key] = [byField[key], ...messages].filter(Boolean).join(' ');
        }
        setErrors(byField);
        return (Object.keys(byField).find((k) => k !== '_') as FieldName | undefined) ?? null;
      }
      setFailure(error);
      return null;
    } finally {
      setBusy(false);
    }
  }, [busy, calls, draft, grants, subjectId]);

  const reset = useCallback(() => {
    formId.current = newIdempotencyKey();
    setDraft(EMPTY);
    setErrors({});
    setSent(null);
    setFailure(undefined);
  }, []);

  return { draft, change, options, loadError, grants, errors, busy, sent, failure, submit, reset };
}
