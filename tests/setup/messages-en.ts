/** `virtual:lis-messages/en` in tests (vitest.config.ts): the build makes it from the same catalogue. */
import { en } from '../../core/i18n';

export default en;
