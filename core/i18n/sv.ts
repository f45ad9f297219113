/**
 * Both catalogues, merged from one file per area in ./messages (so features can add strings
 * without touching each other's files). Swedish is the product's first language.
 */
import { access } from './messages/access';
import { ambassadors } from './messages/ambassadors';
import { bot } from './messages/bot';
import { common } from './messages/common';
import { domain } from './messages/domain';
import { incidents } from './messages/incidents';
import { security } from './messages/security';
import { tab } from './messages/tab';

const areas = [common, domain, bot, incidents, access, tab, ambassadors, security] as const;

type Merge<A extends readonly { sv: object }[]> = A extends readonly [infer H extends { sv: object }, ...infer T extends readonly { sv: object }[]] ? H['sv'] & Merge<T> : unknown;

export const sv = Object.assign({}, ...areas.map((a) => a.sv)) as Merge<typeof areas>;
export type MessageKey = Extract<keyof typeof sv, string>;
export const en = Object.assign({}, ...areas.map((a) => a.en)) as Record<MessageKey, string>;
