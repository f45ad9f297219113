/**
 * Both catalogues, merged from one file per area in ./messages (so features can add strings
 * without touching each other's files). Swedish is the product's first language.
 */
import { access } from './messages/access';
import { accessLeavers } from './messages/access-leavers';
import { accessRecertification } from './messages/access-recertification';
import { accessRequests } from './messages/access-requests';
import { ambassadors } from './messages/ambassadors';
import { bot } from './messages/bot';
import { common } from './messages/common';
import { domain } from './messages/domain';
import { duties } from './messages/duties';
import { incidentReports } from './messages/incident-reports';
import { incidents } from './messages/incidents';
import { registers } from './messages/registers';
import { reviews } from './messages/reviews';
import { security } from './messages/security';
import { tabAccess } from './messages/tab/access';
import { tabAmbassadors } from './messages/tab/ambassadors';
import { tabAssets } from './messages/tab/assets';
import { tabGdpr } from './messages/tab/gdpr';
import { tabHome } from './messages/tab/home';
import { tabImprovements } from './messages/tab/improvements';
import { tabIncidents } from './messages/tab/incidents';
import { tabOverview } from './messages/tab/overview';
import { tabSearch } from './messages/tab/search';
import { tabShell } from './messages/tab/shell';
import { tabRegisters } from './messages/tab/registers';
import { tabSuppliers } from './messages/tab/suppliers';
import { tabTraining } from './messages/tab/training';

const areas = [
  common,
  domain,
  bot,
  incidents,
  incidentReports,
  access,
  accessRequests,
  accessRecertification,
  accessLeavers,
  tabShell,
  tabOverview,
  tabAssets,
  tabIncidents,
  tabSuppliers,
  tabGdpr,
  tabImprovements,
  tabTraining,
  tabAccess,
  tabAmbassadors,
  tabHome,
  tabSearch,
  tabRegisters,
  ambassadors,
  registers,
  reviews,
  security,
  duties,
] as const;

type Merge<A extends readonly { sv: object }[]> = A extends readonly [infer H extends { sv: object }, ...infer T extends readonly { sv: object }[]] ? H['sv'] & Merge<T> : unknown;

export const sv = Object.assign({}, ...areas.map((a) => a.sv)) as Merge<typeof areas>;
export type MessageKey = Extract<keyof typeof sv, string>;
export const en = Object.assign({}, ...areas.map((a) => a.en)) as Record<MessageKey, string>;
