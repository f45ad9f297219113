/**
 * The .docx adapter of the neutral document model: every block kind lands in Word's own markup —
 * headings as Heading 1–3, lists with Word numbering (restarting per list), field and grid tables
 * (the grid's header row repeated on each page), a PNG picture with its alt text, a page break, the
 * running header and a footer with PAGE / NUMPAGES fields — in the document's language. And the
 * plain text of a report section becomes the right blocks.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../../core/adapters/docx/docx-renderer';
import { textBlocks } from '../../../core/app/incidents';
import type { DocumentModel } from '../../../core/ports/document';

/** A 2×1 PNG (red, blue), enough for Word to embed. */
const PNG = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDAAAAHAQH/ZCuH8gAAAABJRU5ErkJggg==', 'base64'),
);

const model: DocumentModel = {
  title: 'Ledningens genomgång 2026',
  subject: 'LG-2026',
  author: 'Stadsdelsförvaltning Söderbyn',
  language: 'sv-SE',
  header: { left: 'Stadsdelsförvaltning Söderbyn', right: 'UTKAST' },
  footer: { text: 'LG-2026 · Ledningens genomgång', pageLabel: { page: 'Sida', of: 'av' } },
  blocks: [
    { type: 'heading', level: 1, text: 'Ledningens genomgång 2026' },
    { type: 'paragraph', runs: ['Vanlig text ', { text: 'fetstil', bold: true }, ' och ', { text: 'kursiv', italic: true }, '.'] },
    { type: 'paragraph', runs: ['Observera detta.'], style: 'notice' },
    { type: 'paragraph', runs: ['Liten grå text.'], style: 'subtle' },
    { type: 'heading', level: 2, text: 'Incidenter' },
    { type: 'list', ordered: false, items: [['Första punkten'], ['Andra punkten']] },
    { type: 'list', ordered: true, items: [['Ett'], ['Två']] },
    { type: 'table', style: 'fields', rows: [['Mottagare', 'MCF'], ['Ärende', 'INC-2026-0016']], widths: [30, 70] },
    { type: 'table', style: 'grid', header: ['Månad', 'Antal'], rows: [['Januari', '3'], ['Februari', '5']] },
    { type: 'heading', level: 3, text: 'Diagram' },
    { type: 'image', data: PNG, width: 2000, height: 1000, alt: 'Incidenter per månad' },
    { type: 'pageBreak' },
    { type: 'paragraph', runs: ['Sista sidan & <tecken> "citat"'] },
  ],
};

describe('the .docx renderer', () => {
  it('writes every block in Word’s own markup', async () => {
    const bytes = await renderDocx(model);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['word/document.xml', 'word/styles.xml', 'word/numbering.xml', 'docProps/core.xml', '[Content_Types].xml']));
    const doc = strFromU8(files['word/document.xml']!);
    expect(doc).toContain('<w:pStyle w:val="Heading1"/>');
    expect(doc).toContain('<w:pStyle w:val="Heading2"/>');
    expect(doc).toContain('<w:pStyle w:val="Heading3"/>');
    expect(doc).toMatch(/<w:b\/>.*fetstil|fetstil/);
    expect(doc).toContain('<w:numPr>');
    expect((doc.match(/<w:tbl>/g) ?? []).length).toBe(2);
    expect(doc).toContain('<w:tblHeader/>'); // the grid's header row repeats on every page
    expect(doc).toContain('descr="Incidenter per månad"');
    expect(doc).toContain('<w:br w:type="page"/>');
    expect(doc).toContain('Sista sidan &amp; &lt;tecken&gt; &quot;citat&quot;');
    // The picture is scaled to the text width (about 6.27 inches at 96 dpi).
    const extent = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(doc)!;
    expect(Number(extent[1]) / 9525).toBeLessThanOrEqual(602);
    expect(Number(extent[1]) / Number(extent[2])).toBeCloseTo(2, 1);
    expect(Object.keys(files).some((f) => f.startsWith('word/media/') && f.endsWith('.png'))).toBe(true);

    const styles = strFromU8(files['word/styles.xml']!);
    expect(styles).toContain('w:val="sv-SE"');
    const header = Object.entries(files).find(([f]) => /^word\/header\d*\.xml$/.test(f))!;
    expect(strFromU8(header[1])).toContain('UTKAST');
    const footer = strFromU8(Object.entries(files).find(([f]) => /^word\/footer\d*\.xml$/.test(f))![1]);
    expect(footer).toContain('PAGE');
    expect(footer).toContain('NUMPAGES');
    expect(footer).toContain('Sida');
    expect(strFromU8(files['docProps/core.xml']!)).toContain('<dc:title>Ledningens genomgång 2026</dc:title>');
  });

  it('renders a document of nothing but a title', async () => {
    const files = unzipSync(await renderDocx({ title: 'Tomt', language: 'en-GB', blocks: [] }));
    expect(strFromU8(files['word/styles.xml']!)).toContain('w:val="en-GB"');
  });
});

describe('a report section’s text as blocks', () => {
  it('makes "Label: value" lines a table, "- " lines a list, and the rest paragraphs', () => {
    expect(textBlocks('Organisation: Söderbyn\nOrganisationsnummer: 212000-0142\n\nFörsta stycket.\nAndra raden.\n\n- ett\n- två')).toEqual([
      { type: 'table', style: 'fields', rows: [['Organisation', 'Söderbyn'], ['Organisationsnummer', '212000-0142']], widths: [40, 60] },
      { type: 'paragraph', runs: ['Första stycket.'] },
      { type: 'paragraph', runs: ['Andra raden.'] },
      { type: 'list', ordered: false, items: [['ett'], ['två']] },
    ]);
  });

  it('keeps a single "Label: value" line, and text a person edited out of shape, as paragraphs', () => {
    expect(textBlocks('Skäl: kännedomen kom sent.')).toEqual([{ type: 'paragraph', runs: ['Skäl: kännedomen kom sent.'] }]);
    expect(textBlocks('Rubrik: X\nen rad utan etikett')).toEqual([
      { type: 'paragraph', runs: ['Rubrik: X'] },
      { type: 'paragraph', runs: ['en rad utan etikett'] },
    ]);
    expect(textBlocks('\n\n   \n')).toEqual([]);
  });
});
