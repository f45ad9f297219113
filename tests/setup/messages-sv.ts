/** `virtual:lis-messages/sv` in tests (vitest.config.ts): the build makes it from the same catalogue. */
import { sv } from '../../core/i18n';

export default sv;
