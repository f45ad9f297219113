/**
 * Links from the tab into Teams, to the card a person got in chat. The outbox keeps, for every card
 * it delivered, the conversation and the activity (message) id Teams gave it; from those:
 *
 * - a card in a channel (`19:…@thread.tacv2`, `19:…@thread.skype`, possibly `;messageid=<root>`):
 *   Teams' deep link to a channel message, `https://teams.microsoft.com/l/message/<channelId>/<id>`
 *   with the thread's root as `parentMessageId`;
 * - a card in a group chat or a chat Teams names with a `19:` id: the deep link to a chat message,
 *   with `context={"contextType":"chat"}`;
 * - a card in a person's 1:1 chat with the bot: Bot Framework names that conversation `a:…`, which
 *   the message deep link does not accept (Microsoft's deep-link documentation says so), so the
 *   link opens the person's chat with the app — `https://teams.microsoft.com/l/entity/<app id>/conversations`
 *   — where the card is, updated in place to its current state. It needs the Teams app id
 *   (`TEAMS_APP_ID`); without it there is no link.
 *
 * Nothing here trusts the ids as more than text: they are URL-encoded, and a conversation id of
 * any other form gives no link.
 */
import type { ChatLink } from '../../api';

export interface ChatLinkSettings {
  tenantId: string;
  /** The Teams app id (the manifest's id); null when not configured (local mode). */
  teamsAppId: string | null;
}

export interface DeliveredCard {
  conversationId: string | null;
  activityId: string | null;
}

const TEAMS = 'https://teams.microsoft.com/l';
const SAFE_ID = /^[A-Za-z0-9:@._;=-]{1,400}$/;

export function chatLink(card: DeliveredCard, settings: ChatLinkSettings): ChatLink | null {
  const conversation = card.conversationId?.trim() ?? '';
  const activity = card.activityId?.trim() ?? '';
  if (!conversation || !SAFE_ID.test(conversation)) return null;
  const tenant = `tenantId=${encodeURIComponent(settings.tenantId)}`;

  if (conversation.startsWith('a:') || conversation.startsWith('8:')) {
    if (!settings.teamsAppId) return null;
    return { url: `${TEAMS}/entity/${encodeURIComponent(settings.teamsAppId)}/conversations?${tenant}`, opens: 'chat' };
  }
  if (!conversation.startsWith('19:') || !activity || !/^[A-Za-z0-9:._-]{1,200}$/.test(activity)) return null;

  const [thread = '', ...params] = conversation.split(';');
  const root = params.map((p) => /^messageid=(\d{1,30})$/.exec(p)?.[1]).find(Boolean);
  if (/@thread\.(tacv2|skype)$/.test(thread)) {
    const parent = root ?? activity;
    return {
      url: `${TEAMS}/message/${encodeURIComponent(thread)}/${encodeURIComponent(activity)}?${tenant}&parentMessageId=${encodeURIComponent(parent)}`,
      opens: 'message',
    };
  }
  const context = encodeURIComponent(JSON.stringify({ contextType: 'chat' }));
  return { url: `${TEAMS}/message/${encodeURIComponent(thread)}/${encodeURIComponent(activity)}?${tenant}&context=${context}`, opens: 'message' };
}
