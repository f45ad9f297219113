/** `npm run docs:lists`: regenerates docs/lists.md. */
import { writeFileSync } from 'node:fs';
import { renderListsDoc } from '../../core/adapters/sharepoint/lists-doc';

writeFileSync(new URL('../../docs/lists.md', import.meta.url), renderListsDoc());
console.log('docs/lists.md written');
