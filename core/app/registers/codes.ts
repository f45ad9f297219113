/**
 * The administration's own ids of register records (RISK-012, REV-003, ANS-007): given the next free
 * number when a form leaves the id out, and unique within the register either way.
 */
import type { ListName } from '../../domain';
import { RecordValidationError } from '../../ports/errors';
import type { Deps } from '../platform';
import { ruleIssue } from './people';

type Coded = Extract<ListName, 'Risks' | 'Audits' | 'Procurements' | 'ProcessingActivities' | 'ImpactAssessments' | 'Suppliers' | 'InformationAssets' | 'GoverningDocuments'>;

/**
 * The next free `PREFIX-nnn`: one past the highest number among the ids starting with the prefix
 * (one indexed `startswith` query, newest-first by id, a page).
 */
export async function nextCode(deps: Pick<Deps, 'store'>, list: Coded, prefix: string, digits = 3): Promise<string> {
  const page = await deps.store.query(list, { where: [{ field: 'code', op: 'startswith', value: `${prefix}-` }], orderBy: { field: 'code', direction: 'desc' }, pageSize: 50 });
  // Ids sort as text: RISK-1000 before RISK-999; take the highest number on the page.
  const numbers = page.items.map((s) => Number(/-(\d+)$/.exec(String((s.data as { code: string | null }).code ?? ''))?.[1] ?? 0));
  const next = Math.max(0, ...numbers) + 1;
  return `${prefix}-${String(next).padStart(digits, '0')}`;
}

/** Refuses (400 on `code`) an id another record of the register already has. A replay of our own create is not a clash. */
export async function checkUniqueCode(deps: Pick<Deps, 'store'>, list: Coded, code: string, own: { key?: string | null; id?: string | null }): Promise<void> {
  const same = await deps.store.query(list, { where: [{ field: 'code', op: 'eq', value: code }], pageSize: 5 });
  if (same.items.some((s) => s.id !== own.id && s.key !== own.key)) throw new RecordValidationError(list, [ruleIssue('code', 'registers.codeTaken', { code })]);
}
