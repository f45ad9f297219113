/** The registers kept in the tab, by their path; the generic views find theirs from the address. */
import { useRouteLocation } from '../../app/router';
import type { RegisterSpec } from './spec';
import { audits } from './specs/audits';
import { governingDocuments } from './specs/governance';
import { impactAssessments, processing } from './specs/gdpr';
import { procurements } from './specs/procurements';
import { risks } from './specs/risks';
import { roles } from './specs/roles';
import { suppliers } from './specs/suppliers';

export const REGISTERS: Record<string, RegisterSpec> = Object.fromEntries(
  [risks, audits, governingDocuments, processing, impactAssessments, procurements, roles, suppliers].map((s) => [s.path, s]),
);

/** The register of the current address (`#/risks/12` → risks). */
export function useRegister(): RegisterSpec | null {
  const { path } = useRouteLocation();
  return REGISTERS[path.split('/')[1] ?? ''] ?? null;
}
