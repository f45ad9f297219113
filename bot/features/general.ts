/** The menu and channel linking: what every conversation with the bot starts from. */
import { linkChannel } from '../../core/app/channels';
import { refreshFigures } from '../../core/app/figures';
import { t } from '../../core/i18n';
import { menuCard } from '../cards/menu';
import { messageCard } from '../cards/message';
import type { BotFeature, Turn } from '../teams/turn';

export async function showMenu(turn: Turn): Promise<void> {
  const person = await turn.deps.directory.getPerson(turn.actorId);
  await turn.reply(menuCard(turn.locale, person?.displayName.split(' ')[0] ?? null));
}

const ROLE_LABEL = { isam: 'bot.role.isam', admin: 'bot.role.admin', ambassadors: 'bot.role.ambassadors', dso: 'bot.role.dso' } as const;

export const generalFeature: BotFeature = {
  jobs: [
    // Heals the kept figures from Graph delta (whatever the write path missed) and recounts what
    // time changes (training validity). Bounded per run; see core/app/figures/refresh.ts.
    { name: 'figures.refresh', everyMs: 10 * 60_000, run: async (deps) => void (await refreshFigures(deps)) },
  ],
  commands: [
    { pattern: /^(meny|menu|hjälp|help|hej|hi|hello|start)$/, in: ['personal'], run: (turn) => showMenu(turn) },
    {
      pattern: /^(koppla|link)(?:\s+(\S+))?$/,
      in: ['channel'],
      run: async (turn, match) => {
        const activity = turn.context.activity;
        const channelData = (activity.channelData ?? {}) as { team?: { id?: string }; channel?: { id?: string; name?: string } };
        const result = await linkChannel(
          turn.deps,
          await turn.actor(),
          {
            role: match[2] ?? '',
            tenantId: turn.tenantId,
            // Post to the channel itself, not to the thread the command was typed in.
            conversationId: channelData.channel?.id ?? turn.conversationId.split(';')[0]!,
            serviceUrl: activity.serviceUrl,
            teamId: channelData.team?.id ?? null,
            channelName: channelData.channel?.name ?? null,
          },
          turn.activityKey,
        );
        const role = t(turn.locale, ROLE_LABEL[result.role]);
        const text = result.previous ? t(turn.locale, 'bot.link.moved', { role, previous: result.previous }) : t(turn.locale, 'bot.link.done', { role });
        await turn.reply(messageCard(turn.locale, 'success', text));
      },
    },
    {
      pattern: /^(koppla|link)(\s.*)?$/,
      in: ['personal', 'groupChat'],
      run: (turn) => turn.reply(messageCard(turn.locale, 'info', t(turn.locale, 'bot.link.onlyInChannel'))),
    },
  ],
};
