/** The ambassadors feature of the bot (commands, card actions, notification cards, jobs). */
import type { BotFeature } from '../teams/turn';

export const ambassadorsFeature: BotFeature = {};
