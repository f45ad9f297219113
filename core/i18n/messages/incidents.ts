/** Incident reporting, triage and legal clocks (issue 3). Swedish first; every key in both languages (the types check it). */
import { defineMessages } from '../define';

export const incidents = defineMessages({}, {});
