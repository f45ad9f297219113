/** Teams conversations the bot can post to: channels linked to a role (`koppla <roll>`). */
import { z } from 'zod';
import { AadObjectId, Line, UtcDateTime, WebUrl } from './common';
import { ChannelRole } from './roles';

export const ChannelLink = z.object({
  role: ChannelRole,
  tenantId: z.guid(),
  conversationId: Line(500),
  /** Refreshed from every new activity in the conversation (PLATFORM.md). */
  serviceUrl: WebUrl,
  teamId: z.string().trim().max(500).nullable(),
  channelName: z.string().trim().max(255).nullable(),
  linkedBy: AadObjectId,
  linkedAt: UtcDateTime,
  active: z.boolean(),
});
export type ChannelLink = z.infer<typeof ChannelLink>;
