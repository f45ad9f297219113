/**
 * The shape of an incoming activity, checked at the door of `/api/messages` before the Bot Framework
 * adapter or the bot reads it (issue 18: malformed activities got HTTP 501 and a logged crash).
 *
 * Only the fields the bot reads are checked, each bounded by what the bot can store or answer
 * (a conversation id goes into the Conversations list, a Line(255); a locale into a 20-character
 * column): an activity without a conversation, with an unknown conversation type, a 1 000-character
 * locale or a 5 000-character conversation id is refused with 400 and nothing is written. Fields the
 * bot can answer in the person's language (a user id that is not an Entra object id, card data) are
 * left to the bot, which replies with a clear message instead (bot/teams/bot.ts).
 */
import { z } from 'zod';

const str = (max: number) => z.string().max(max);
/** BCP 47 as Teams sends it (`sv-SE`, `en-GB`, `zh-Hant-TW`); at most 20 characters (the stored column). */
const Locale = z.string().max(20).regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/);
const ServiceUrl = z.url({ protocol: /^https?$/ }).max(2048);

export const ActivityShape = z.looseObject({
  type: str(64).min(1),
  name: str(128).optional(),
  id: str(128).optional(),
  replyToId: str(128).optional(),
  channelId: str(64).optional(),
  serviceUrl: ServiceUrl,
  locale: Locale.nullish(),
  text: str(100_000).nullish(),
  deliveryMode: z.enum(['normal', 'notification', 'expectReplies', 'ephemeral']).nullish(),
  from: z.looseObject({}),
  recipient: z.looseObject({ id: str(255).min(1) }),
  conversation: z.looseObject({
    id: str(255).min(1),
    conversationType: z.enum(['personal', 'channel', 'groupChat']).nullish(),
    tenantId: str(64).nullish(),
  }),
  channelData: z.looseObject({ tenant: z.looseObject({ id: str(64).optional() }).nullish() }).nullish(),
  entities: z.array(z.looseObject({ type: str(64).optional() })).max(100).nullish(),
  membersAdded: z.array(z.looseObject({ id: str(255).optional() })).max(1_000).nullish(),
});

export type ActivityCheck = { ok: true } | { ok: false; field: string };

/** Checks the activity; on failure names the first field at fault (for the 400's message and the log). */
export function checkActivity(body: unknown): ActivityCheck {
  const parsed = ActivityShape.safeParse(body);
  if (parsed.success) return { ok: true };
  const issue = parsed.error.issues[0]!;
  return { ok: false, field: issue.path.map(String).join('.').slice(0, 80) || 'activity' };
}
