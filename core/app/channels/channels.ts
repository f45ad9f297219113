/** Linking a Teams channel to a role's notifications (`koppla <roll>` / `link <role>`). Only ISAM. */
import { ChannelRole, has, type ChannelRole as Role } from '../../domain';
import type { StoredOf } from '../../ports/record-store';
import type { Actor } from '../people';
import { audit, forbidden, invalid, type Deps } from '../platform';

export interface ChannelInput {
  role: string;
  tenantId: string;
  conversationId: string;
  serviceUrl: string;
  teamId: string | null;
  channelName: string | null;
}

export interface LinkResult {
  role: Role;
  /** The channel that had the role before, when the link moved. */
  previous: string | null;
}

/** One channel per role: re-linking moves the role's notifications. The seed uses the same key. */
export const channelKey = (role: Role) => `channel:${role}`;

export async function linkChannel(deps: Deps, actor: Actor, input: ChannelInput, operationKey: string): Promise<LinkResult> {
  const role = ChannelRole.safeParse(input.role);
  if (!role.success) throw invalid('bot.link.unknownRole', { role: input.role });
  if (!has(actor, 'isam')) throw forbidden('bot.link.onlyIsam');
  const now = deps.clock.now().toISOString();
  const data = {
    role: role.data,
    tenantId: input.tenantId,
    conversationId: input.conversationId,
    serviceUrl: input.serviceUrl,
    teamId: input.teamId,
    channelName: input.channelName,
    linkedBy: actor.id,
    linkedAt: now,
    active: true,
  };
  const { record: stored, created } = await deps.store.createOrGet('Channels', channelKey(role.data), data);
  let previous: string | null = null;
  if (!created) {
    if (stored.data.conversationId !== input.conversationId) previous = stored.data.channelName ?? stored.data.conversationId;
    await deps.store.update('Channels', stored, data);
  }
  // The record (the role's channel) and the operation: two roles linked by one activity key
  // (an activity without an id) are two entries.
  await audit(deps, `channel.linked:${role.data}:${operationKey}`, {
    actorId: actor.id,
    action: 'channel.linked',
    target: `Channels/${stored.id}`,
    summary: `Kanal kopplad till ${role.data}`,
    details: { role: role.data, conversationId: input.conversationId, previous },
  });
  return { role: role.data, previous };
}

export async function linkedChannel(deps: Pick<Deps, 'store'>, role: Role): Promise<StoredOf<'Channels'> | null> {
  const link = await deps.store.findByKey('Channels', channelKey(role));
  return link?.data.active ? link : null;
}
