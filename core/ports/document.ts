/**
 * A small, neutral document model — headings, paragraphs, lists, tables, images, a header, a footer
 * with page numbers — that use cases build and an adapter renders (core/adapters/docx renders Word
 * .docx with the `docx` library). Use cases never import a format library: the incident reports
 * (issue 13) and the management review (issue 15) describe their documents in these terms.
 */

/** A run of text; plain strings are runs without emphasis. */
export type Inline = string | { text: string; bold?: boolean; italic?: boolean };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; runs: Inline[]; style?: 'normal' | 'subtle' | 'notice' }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  /**
   * A table. `fields` style is a two-column label/value table without a header row (a form's
   * fields); `grid` has a header row. Widths are percentages of the text width.
   */
  | { type: 'table'; style: 'grid' | 'fields'; header?: string[]; rows: string[][]; widths?: number[] }
  /** A picture (a chart of the management review), PNG bytes, size in pixels at 96 dpi. */
  | { type: 'image'; data: Uint8Array; width: number; height: number; alt: string }
  | { type: 'pageBreak' };

export interface DocumentModel {
  title: string;
  /** Document properties. */
  subject?: string;
  author?: string;
  /** BCP 47 language of the text (`sv-SE`, `en-GB`): spell checking and hyphenation. */
  language: string;
  /** Running header: left and right text on every page. */
  header?: { left?: string; right?: string };
  /**
   * Running footer: a line of text and, when `pageLabel` is given, the page number as
   * "{page} {n} {of} {total}" (e.g. "Sida 2 av 5").
   */
  footer?: { text?: string; pageLabel?: { page: string; of: string } };
  blocks: Block[];
}

/** Renders a document model to a file format. */
export interface DocumentRenderer {
  /** Word (.docx, Office Open XML). */
  toDocx(doc: DocumentModel): Promise<Uint8Array>;
}

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
