/** The key of a report as it travels in routes and cards: `cs_final_report`, `cs_situation_report:2`. */
import { ClockKind, isLegalKind, type LegalKind } from '../../domain';
import { invalid } from '../platform';

/** The clock key of a report and its kind; refused when it names no legal report. */
export function reportKey(key: string): { key: string; kind: LegalKind } {
  const m = /^([a-z_]{3,40})(:\d{1,3})?$/.exec(key);
  const kind = m ? ClockKind.safeParse(m[1]) : null;
  if (!m || !kind?.success || !isLegalKind(kind.data)) throw invalid('incident.error.unknownReport');
  return { key, kind: kind.data };
}
