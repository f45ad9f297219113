/**
 * Start: each person's home in the tab — their own cases and training, and by role what waits for
 * them (decisions, investigations, legal deadlines, access changes) — and the owner's decision
 * from the tab, the same use case as the card's.
 */
export { buildHome, HOME_LIST_LIMIT, EXPIRING_DAYS, type HomeOptions } from './home';
export { chatLink, type ChatLinkSettings, type DeliveredCard } from './chat-links';
export { decideFromTab, requestDetail, type TabDecision } from './decide';
