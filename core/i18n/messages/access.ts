/** Access requests, recertification and leavers (issue 4). Swedish first; every key in both languages (the types check it). */
import { defineMessages } from '../define';

export const access = defineMessages({}, {});
