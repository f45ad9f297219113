/** The tab (issue 5). Swedish first; every key in both languages (the types check it). */
import { defineMessages } from '../define';

export const tab = defineMessages({}, {});
