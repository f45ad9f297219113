/** Ambassador network, training and governing documents (issue 7). Swedish first; every key in both languages (the types check it). */
import { defineMessages } from '../define';

export const ambassadors = defineMessages({}, {});
