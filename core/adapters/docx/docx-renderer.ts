/**
 * Renders the neutral document model (core/ports/document.ts) as a Word document with the `docx`
 * library: A4 with 25 mm margins, Calibri 11 pt in the document's language, headings as Word's
 * Heading 1–3 (so the navigation pane and a table of contents find them), field tables as a light
 * two-column grid, grid tables with a shaded header row repeated on every page, bulleted and
 * numbered lists with Word's own numbering, pictures with their alt text, and a running header and
 * a footer with "Sida n av m" page fields.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import type { Block, DocumentModel, DocumentRenderer, Inline } from '../../ports/document';

/** A4 text width with 25 mm margins, in twentieths of a point. */
const TEXT_WIDTH = 9_026;
const MARGIN = 1_417;
const GREY = '595959';
const RULE = { style: BorderStyle.SINGLE, size: 4, color: 'BFBFBF' } as const;
const NO_RULE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;

const runs = (inlines: Inline[]): TextRun[] => inlines.map((i) => (typeof i === 'string' ? new TextRun(i) : new TextRun({ text: i.text, bold: i.bold ?? false, italics: i.italic ?? false })));

function cell(text: string, width: number, options: { bold?: boolean; shade?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    ...(options.shade ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } } : {}),
    children: text.split('\n').map((line) => new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text: line, bold: options.bold ?? false })] })),
  });
}

function table(block: Extract<Block, { type: 'table' }>): Table {
  const columns = Math.max(1, ...block.rows.map((r) => r.length), block.header?.length ?? 0);
  const percents = block.widths && block.widths.length === columns ? block.widths : Array.from({ length: columns }, () => 100 / columns);
  const widths = percents.map((p) => Math.round((TEXT_WIDTH * p) / 100));
  const rows: TableRow[] = [];
  if (block.header) rows.push(new TableRow({ tableHeader: true, children: widths.map((w, n) => cell(block.header![n] ?? '', w, { bold: true, shade: true })) }));
  for (const r of block.rows) {
    rows.push(new TableRow({ cantSplit: true, children: widths.map((w, n) => cell(r[n] ?? '', w, { bold: block.style === 'fields' && n === 0 })) }));
  }
  const fields = block.style === 'fields';
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows,
    borders: fields
      ? { top: RULE, bottom: RULE, left: NO_RULE, right: NO_RULE, insideHorizontal: RULE, insideVertical: NO_RULE }
      : { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE },
  });
}

const HEADING = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function blocks(model: DocumentModel): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let lists = 0;
  for (const b of model.blocks) {
    switch (b.type) {
      case 'heading':
        out.push(new Paragraph({ heading: HEADING[b.level], keepNext: true, children: [new TextRun(b.text)] }));
        break;
      case 'paragraph': {
        const options: IParagraphOptions = { children: runs(b.runs) };
        if (b.style === 'subtle') out.push(new Paragraph({ ...options, children: b.runs.map((r) => new TextRun({ text: typeof r === 'string' ? r : r.text, color: GREY, italics: true })) }));
        else if (b.style === 'notice') out.push(new Paragraph({ ...options, shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FFF4CE' }, border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'C19C00', space: 6 } } }));
        else out.push(new Paragraph(options));
        break;
      }
      case 'list': {
        // Each list restarts its numbering: its own instance of the shared definition.
        const instance = ++lists;
        for (const item of b.items) out.push(new Paragraph({ children: runs(item), numbering: { reference: b.ordered ? 'lis-numbered' : 'lis-bullets', level: 0, instance } }));
        break;
      }
      case 'table':
        out.push(table(b));
        out.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
        break;
      case 'image': {
        const maxWidth = Math.round((TEXT_WIDTH / 1_440) * 96);
        const scale = Math.min(1, maxWidth / b.width);
        out.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            // "Auto" spacing, said explicitly: LibreOffice reads a bare w:line as exact and clips the picture.
            spacing: { after: 160, line: 240, lineRule: LineRuleType.AUTO },
            children: [new ImageRun({ type: 'png', data: b.data, transformation: { width: Math.round(b.width * scale), height: Math.round(b.height * scale) }, altText: { name: b.alt, description: b.alt, title: b.alt } })],
          }),
        );
        break;
      }
      case 'pageBreak':
        out.push(new Paragraph({ children: [new PageBreak()] }));
        break;
    }
  }
  return out;
}

function header(model: DocumentModel): Header | undefined {
  if (!model.header) return undefined;
  const children: ParagraphChild[] = [new TextRun({ text: model.header.left ?? '', color: GREY, size: 18 })];
  if (model.header.right) children.push(new TextRun({ text: `\t${model.header.right}`, color: GREY, size: 18, bold: true }));
  return new Header({
    children: [new Paragraph({ tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }], border: { bottom: { ...RULE, space: 4 } }, children })],
  });
}

function footer(model: DocumentModel): Footer | undefined {
  if (!model.footer) return undefined;
  const children: ParagraphChild[] = [new TextRun({ text: model.footer.text ?? '', color: GREY, size: 16 })];
  const label = model.footer.pageLabel;
  if (label) children.push(new TextRun({ color: GREY, size: 16, children: [`\t${label.page} `, PageNumber.CURRENT, ` ${label.of} `, PageNumber.TOTAL_PAGES] }));
  return new Footer({
    children: [new Paragraph({ tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }], border: { top: { ...RULE, space: 4 } }, children })],
  });
}

export async function renderDocx(model: DocumentModel): Promise<Uint8Array> {
  const head = header(model);
  const foot = footer(model);
  const doc = new Document({
    title: model.title,
    ...(model.subject ? { subject: model.subject } : {}),
    creator: model.author ?? 'LIS för Teams',
    lastModifiedBy: 'LIS för Teams',
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22, language: { value: model.language } }, paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } } },
        heading1: { run: { font: 'Calibri', size: 32, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 0, after: 200 } } },
        heading2: { run: { font: 'Calibri', size: 26, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 280, after: 100 } } },
        heading3: { run: { font: 'Calibri', size: 22, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 200, after: 80 } } },
      },
    },
    numbering: {
      config: [
        { reference: 'lis-bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 567, hanging: 283 } } } }] },
        { reference: 'lis-numbered', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 567, hanging: 340 } } } }] },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11_906, height: 16_838 }, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 } } },
        ...(head ? { headers: { default: head } } : {}),
        ...(foot ? { footers: { default: foot } } : {}),
        children: blocks(model),
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The DocumentRenderer port over `docx`. */
export const docxRenderer: DocumentRenderer = { toDocx: renderDocx };
