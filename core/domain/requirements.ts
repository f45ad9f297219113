/**
 * The security requirements that follow from a KLASSA classification: a catalogue per aspect and
 * level, as data, Swedish first. An asset at level n of an aspect must meet that aspect's
 * requirements of every level from 1 to n. Level 4 (säkerhetsskydd) adds none here: it flags the
 * asset for a separate security-protection analysis outside the LIS (DOMAIN.md).
 *
 * The texts are the administration's own baseline, written for this app in the spirit of SKR's
 * KLASSA requirement sets; a district replaces them with its own catalogue by editing this table.
 */
import type { ClassificationAspect } from './asset';
import { CLASSIFICATION_ASPECTS } from './choices';

export interface SecurityRequirement {
  /** Stable id: aspect letter, level and number (`K2-1`). Checklists refer to it. */
  id: string;
  aspect: ClassificationAspect;
  /** The lowest level at which it applies. */
  level: 1 | 2 | 3;
  sv: string;
  en: string;
}

const req = (aspect: ClassificationAspect, level: 1 | 2 | 3, n: number, sv: string, en: string): SecurityRequirement => ({
  id: `${{ confidentiality: 'K', integrity: 'R', availability: 'T', traceability: 'S' }[aspect]}${level}-${n}`,
  aspect,
  level,
  sv,
  en,
});

export const SECURITY_REQUIREMENTS: readonly SecurityRequirement[] = [
  // Konfidentialitet
  req('confidentiality', 1, 1, 'Åtkomst kräver personlig inloggning; inga delade konton.', 'Access requires a personal log-in; no shared accounts.'),
  req('confidentiality', 1, 2, 'Behörigheter tilldelas efter behov och beslutas av informationsägaren.', 'Access is granted by need and decided by the information owner.'),
  req('confidentiality', 1, 3, 'Informationen lagras och behandlas inom EU/EES, eller med en giltig skyddsåtgärd för överföring till tredjeland.', 'The information is stored and processed within the EU/EEA, or with a valid safeguard for transfer to a third country.'),
  req('confidentiality', 2, 1, 'Tvåfaktorsautentisering vid åtkomst utanför stadens nät.', 'Two-factor authentication for access from outside the city network.'),
  req('confidentiality', 2, 2, 'Kryptering vid överföring över öppna nät (TLS 1.2 eller senare).', 'Encryption in transit over open networks (TLS 1.2 or later).'),
  req('confidentiality', 2, 3, 'Behörigheterna granskas vid behörighetsrevisionen två gånger per år.', 'Access is reviewed in the access recertification twice a year.'),
  req('confidentiality', 2, 4, 'Utskrifter och exporter begränsas till de användare som behöver dem.', 'Printing and exports are limited to the users who need them.'),
  req('confidentiality', 3, 1, 'Tvåfaktorsautentisering vid all åtkomst.', 'Two-factor authentication for all access.'),
  req('confidentiality', 3, 2, 'Lagrad information krypteras med nycklar som staden kontrollerar.', 'Stored information is encrypted with keys the city controls.'),
  req('confidentiality', 3, 3, 'All läsning av uppgifter om enskilda loggas, och loggarna följs upp regelbundet.', 'All reading of data about individuals is logged, and the logs are followed up regularly.'),
  req('confidentiality', 3, 4, 'Leverantörens personal får åtkomst till informationen endast efter godkännande i varje enskilt fall.', 'The supplier’s staff get access to the information only when approved case by case.'),
  req('confidentiality', 3, 5, 'Uppgifter om personer med skyddade personuppgifter hanteras enligt stadens särskilda rutin.', 'Data about people with protected identity is handled under the city’s special routine.'),
  // Riktighet
  req('integrity', 1, 1, 'Endast behöriga användare kan ändra informationen.', 'Only authorised users can change the information.'),
  req('integrity', 1, 2, 'Systemet kontrollerar format och rimlighet när uppgifter matas in.', 'The system checks format and plausibility when data is entered.'),
  req('integrity', 2, 1, 'Ändringar av väsentliga uppgifter kan spåras till användare och tidpunkt.', 'Changes to essential data can be traced to user and time.'),
  req('integrity', 2, 2, 'Säkerhetskopior kontrolleras genom återläsning minst en gång per år.', 'Backups are checked by a test restore at least once a year.'),
  req('integrity', 2, 3, 'Ändringar i systemet testas i en separat miljö innan de införs.', 'Changes to the system are tested in a separate environment before they go live.'),
  req('integrity', 3, 1, 'Ändringar med rättslig eller ekonomisk verkan kräver två personer (attest).', 'Changes with legal or financial effect need two people (four-eyes principle).'),
  req('integrity', 3, 2, 'Informationen skyddas mot ändring vid överföring mellan system (kontrollsummor eller signering).', 'The information is protected against alteration in transfer between systems (checksums or signing).'),
  req('integrity', 3, 3, 'Fel i informationens riktighet larmas och utreds som avvikelse.', 'Errors in the information’s integrity raise an alert and are investigated as an incident.'),
  // Tillgänglighet
  req('availability', 1, 1, 'Säkerhetskopiering minst en gång per dygn.', 'Backups at least once a day.'),
  req('availability', 1, 2, 'En känd kontaktväg till leverantören vid driftstörning.', 'A known way to reach the supplier in an outage.'),
  req('availability', 2, 1, 'Avtalad tillgänglighet minst 99 % under kontorstid och återställning inom 24 timmar.', 'Agreed availability of at least 99 % in office hours and recovery within 24 hours.'),
  req('availability', 2, 2, 'En reservrutin för att arbeta utan systemet finns dokumenterad och är övad.', 'A fallback routine for working without the system is documented and practised.'),
  req('availability', 2, 3, 'Planerade driftavbrott aviseras i god tid.', 'Planned downtime is announced in good time.'),
  req('availability', 3, 1, 'Avtalad tillgänglighet minst 99,5 % dygnet runt och återställning inom 4 timmar.', 'Agreed availability of at least 99.5 % around the clock and recovery within 4 hours.'),
  req('availability', 3, 2, 'Redundant drift utan enskild felpunkt.', 'Redundant operation without a single point of failure.'),
  req('availability', 3, 3, 'En kontinuitetsplan som övas minst en gång per år.', 'A continuity plan practised at least once a year.'),
  req('availability', 3, 4, 'Säkerhetskopior förvaras åtskilda från driften och skyddade mot skadlig kod (frånkopplade eller oföränderliga).', 'Backups are kept apart from operations and protected against malware (offline or immutable).'),
  // Spårbarhet
  req('traceability', 1, 1, 'Inloggningar loggas med användare och tidpunkt.', 'Log-ins are logged with user and time.'),
  req('traceability', 2, 1, 'Ändringar av information loggas med användare, tidpunkt och vad som ändrades.', 'Changes to information are logged with user, time and what changed.'),
  req('traceability', 2, 2, 'Loggar sparas minst ett år och skyddas mot ändring.', 'Logs are kept for at least a year and protected against alteration.'),
  req('traceability', 3, 1, 'Även läsning av information loggas (åtkomstlogg).', 'Reading of information is logged too (access log).'),
  req('traceability', 3, 2, 'Loggarna följs upp systematiskt och avvikelser rapporteras som incidenter.', 'Logs are followed up systematically and anomalies reported as incidents.'),
  req('traceability', 3, 3, 'Loggar kan tas ut för en enskild person, för registerutdrag och kontroll av otillåten åtkomst.', 'Logs can be extracted for one person, for subject access and checks of unauthorised access.'),
  req('traceability', 3, 4, 'Tidsstämplar synkroniseras mot en gemensam tidskälla.', 'Timestamps are synchronised with a common time source.'),
];

export type AspectLevels = Record<ClassificationAspect, number | null>;

/** The requirements an asset with these levels must meet, in the catalogue's order (K, R, T, S). */
export function requirementsFor(levels: AspectLevels): SecurityRequirement[] {
  return SECURITY_REQUIREMENTS.filter((r) => {
    const level = levels[r.aspect];
    return level !== null && level >= r.level;
  });
}

/** The highest level per aspect over several assets (what a procurement covering them all must meet). */
export function highestLevels(assets: readonly AspectLevels[]): AspectLevels {
  const out = Object.fromEntries(CLASSIFICATION_ASPECTS.map((a) => [a, null])) as AspectLevels;
  for (const asset of assets) {
    for (const a of CLASSIFICATION_ASPECTS) {
      const l = asset[a];
      if (l !== null && (out[a] === null || l > out[a]!)) out[a] = l;
    }
  }
  return out;
}

export function requirementById(id: string): SecurityRequirement | undefined {
  return SECURITY_REQUIREMENTS.find((r) => r.id === id);
}
