/** The bot: menu, shortcuts, channel linking, generic card texts. Swedish first; every key in both languages (the types check it). */
import { defineMessages } from '../define';

export const bot = defineMessages({}, {});
