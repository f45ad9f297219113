/**
 * The bot's features, in the order their text commands are tried. Each lives in its own file and
 * registers its commands, card actions, message actions, notification cards and scheduled jobs.
 */
import type { BotFeature } from '../teams/turn';
import { accessFeature } from './access';
import { ambassadorsFeature } from './ambassadors';
import { generalFeature } from './general';
import { incidentReportsFeature } from './incident-reports';
import { incidentsFeature } from './incidents';
import { registersFeature } from './registers';
import { searchFeature } from './search';

export const features: BotFeature[] = [incidentsFeature, incidentReportsFeature, accessFeature, ambassadorsFeature, registersFeature, generalFeature, searchFeature];
