/** The bot's features, in the order their text commands are tried. */
import type { BotFeature } from '../teams/turn';
import { generalFeature } from './general';

export const features: BotFeature[] = [generalFeature];
