/**
 * One access decision on the home: the comment, the choice, and what came of it. A denial needs a
 * comment (checked here before anything is sent, and again by the server); the request's version
 * goes with the decision, so a request someone else decided meanwhile is answered with their
 * decision (409), not overwritten.
 */
import { useCallback, useState } from 'react';
import type { AccessDecisionResult, DecisionItem } from '../../../core/api';
import { ApiError } from '../../api/client';
import type { HomeApi } from './api';

export type DecisionOutcome =
  | { kind: 'decided'; result: AccessDecisionResult }
  | { kind: 'conflict'; message: string; result: AccessDecisionResult | null }
  | { kind: 'error'; error: unknown };

export interface DecisionState {
  comment: string;
  setComment: (text: string) => void;
  /** The comment field's own error, shown beside it until the person writes something. */
  commentError: string | null;
  busy: boolean;
  outcome: DecisionOutcome | null;
  decide: (decision: 'approve' | 'deny') => Promise<void>;
}

export function useDecision(api: HomeApi, item: DecisionItem, messages: { commentRequired: string }): DecisionState {
  const [comment, setCommentText] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(null);

  const setComment = useCallback((text: string) => {
    setCommentText(text);
    // Fixed as soon as there is something: the error goes when the reason for it does.
    if (text.trim()) setCommentError(null);
  }, []);

  const decide = useCallback(
    async (decision: 'approve' | 'deny') => {
      if (busy) return;
      const text = comment.trim();
      if (decision === 'deny' && !text) {
        setCommentError(messages.commentRequired);
        return;
      }
      setBusy(true);
      setOutcome(null);
      try {
        const result = await api.decide(item.id, item.etag, { decision, comment: text || null });
        setOutcome({ kind: 'decided', result });
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          setOutcome({ kind: 'conflict', message: error.body.message, result: (error.body.current as AccessDecisionResult | null | undefined) ?? null });
        } else if (error instanceof ApiError && error.status === 400 && error.fieldErrors().decisionComment) {
          setCommentError(error.fieldErrors().decisionComment!.join(' '));
        } else {
          setOutcome({ kind: 'error', error });
        }
      } finally {
        setBusy(false);
      }
    },
    [api, busy, comment, item.etag, item.id, messages.commentRequired],
  );

  return { comment, setComment, commentError, busy, outcome, decide };
}
