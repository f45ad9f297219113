/** `npm run build:tab`: builds the tab always, and records the sources' hash (tab-build.ts). */
import { ensureTabBuilt } from './tab-build';

const root = new URL('../..', import.meta.url).pathname;
const { ms } = await ensureTabBuilt(root, { force: true });
if (process.argv.includes('--verbose')) console.log(`Tab built in ${(ms / 1000).toFixed(1)} s.`);
