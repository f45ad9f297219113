/** Renders docs/lists.md from lists.ts, so the documented columns are the provisioned ones. */
import { KEY_COLUMN, type ColumnDef } from './columns';
import { LISTS } from './lists';

const TYPE: Record<ColumnDef['type'], string> = {
  text: 'Single line of text',
  note: 'Multiple lines of text',
  number: 'Number',
  boolean: 'Yes/No',
  dateTime: 'Date and time (UTC)',
  date: 'Single line of text, `YYYY-MM-DD`',
  choice: 'Choice',
  json: 'Multiple lines of text, JSON',
};

export function renderListsDoc(): string {
  const out: string[] = [
    '# SharePoint lists',
    '',
    '<!-- Generated from core/adapters/sharepoint/lists.ts by `npm run docs:lists`. Do not edit by hand. -->',
    '',
    'Every record lives in a list on the LIS SharePoint site. List display names are stable identifiers',
    '(CONTRACTS.md). Column names are the record field names in PascalCase; a record `title` is the',
    "built-in `Title`. Every list also has:",
    '',
    `- \`${KEY_COLUMN}\` — single line of text, **indexed, unique**: the client-generated key that makes creates idempotent.`,
    '- `Title` — SharePoint\'s own required column; lists without a title field get a readable summary.',
    '',
    'Indexed columns (≤ 20 per list) are the only ones the app filters or sorts on, so queries keep',
    'working past the 5 000-item list view threshold. **Derived keys** (core/domain/keys.ts) are indexed',
    'columns the store computes from the record on every create and update, for selections no single',
    'field bounds (docs/queries.md); they are not part of the record. Calendar dates are stored as `YYYY-MM-DD` text,',
    'not as date-only columns (SharePoint stores those as midnight in the site time zone and Graph',
    'returns them shifted to UTC). Lists and nested values are JSON in multi-line text columns.',
    '',
  ];
  for (const def of LISTS) {
    out.push(`## ${def.name}`, '', def.description, '', '| Column | Type | Indexed | Values |', '|---|---|---|---|');
    for (const c of def.columns) {
      const values = c.type === 'choice' ? c.choices!.map((v) => `\`${v}\``).join(', ') : '';
      out.push(`| \`${c.column}\` | ${TYPE[c.type]} | ${c.indexed ? 'yes' : ''} | ${values} |`);
    }
    for (const k of def.keys) out.push(`| \`${k.column}\` | ${TYPE[k.type]}, derived key | yes | ${k.doc} |`);
    out.push('');
  }
  return out.join('\n');
}
