/**
 * The owner's decision from the tab: the same use case as the decision card (`decideAccessRequest`:
 * permission against the asset as stored now, the decision written with If-Match so that of two
 * deciders at once exactly one decision is stored, every decider's card and the requester's
 * message through the outbox). What the tab adds is the version the person decided on:
 *
 * - they decided on a request that, since they saw it, was decided (by someone else, on the card or
 *   in another tab) → `stale`, nothing written, and they are shown the decision that stands;
 * - someone else's decision was stored first while this one was being written → `lost`, likewise;
 * - their own earlier decision (a double click, a retry) → `already`, the same answer again.
 *
 * A version that is out of date while the request still waits is not a conflict: the person saw it
 * waiting and it still is, so the decision goes ahead (the write itself is still If-Match).
 */
import type { AccessDecisionResult, AccessRequestDetail } from '../../api';
import { same } from '../../domain/policy';
import { decideAccessRequest, getRequestView, type RequestView } from '../access';
import type { Actor } from '../people';
import { Refused, type Deps } from '../platform';

export interface TabDecision {
  result: AccessDecisionResult;
  /** True when the person's decision did not go through (someone else's stands): HTTP 409. */
  conflict: boolean;
}

export const requestDetail = (v: RequestView): AccessRequestDetail => ({ ...v });

export async function decideFromTab(deps: Deps, actor: Actor, requestId: string, seenEtag: string | null, decision: 'approve' | 'deny', comment: string | null): Promise<TabDecision> {
  const before = await getRequestView(deps, requestId);
  if (seenEtag !== null && before.stored.etag !== seenEtag && before.stored.data.status !== 'pending') {
    const mine = same(before.stored.data.decidedBy, actor.id);
    return { result: { outcome: mine ? 'already' : 'stale', request: requestDetail(before.view), etag: before.stored.etag }, conflict: !mine };
  }
  const decided = await decideAccessRequest(deps, actor, requestId, decision, comment);
  const now = await deps.store.get('AccessRequests', requestId);
  if (!now) throw new Refused('not_found', 'access.notFound');
  const byMe = same(now.data.decidedBy, actor.id);
  const outcome = decided.outcome === 'decided' ? 'decided' : byMe ? 'already' : decided.outcome === 'lost' ? 'lost' : 'stale';
  return { result: { outcome, request: requestDetail(decided.view), etag: now.etag }, conflict: !byMe };
}
