/** The incidents feature of the bot (commands, card actions, notification cards, jobs). */
import type { BotFeature } from '../teams/turn';

export const incidentsFeature: BotFeature = {};
