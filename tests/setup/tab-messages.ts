/**
 * The tab loads one language's messages from a chunk the build makes (tab/vite.config.ts);
 * tests render its components without a build, so both catalogues are set here from core/i18n.
 */
import { en, sv } from '../../core/i18n';
import { setMessages } from '../../tab/app/messages';

setMessages('sv', sv);
setMessages('en', en);
