/**
 * One register as the tab shows it, described once: its list (columns, filters, sort), its detail
 * (facts, extra sections) and its form (sections of fields, how a record becomes the form's values
 * and the values the request's body). The list, detail and form views (RegisterListView,
 * RegisterDetailView, RegisterFormView) are the same for every register; specs/ holds one
 * description per register. Nothing here decides who may do what: the answers' `can…` flags do.
 */
import type { ComponentType, ReactNode } from 'react';
import type { MessageKey } from '../../../core/i18n';
import type { HistoryPage, PersonRef, RecordRef, RetentionInfo, SessionView } from '../../../core/api';
import type { I18n } from '../../app/i18n';
import type { Column } from '../../components/PagedTable';

/** A value of the form: text, a yes/no, a person, a record, several records, lines, or rows of a sub-list. */
export type FormValue = string | boolean | PersonRef | RecordRef | null | RecordRef[] | FormRow[];
export type FormRow = Record<string, FormValue>;
export type FormValues = Record<string, FormValue>;

/** Where a record picker searches: a list of `/api/v1` with `?search=` whose rows have id, code and name. */
export type RecordSource = 'assets' | 'suppliers' | 'processing';

export interface FieldSpec {
  /** The body's field (and the server's `issues[].path[0]`). People and records are sent as their id. */
  name: string;
  kind: 'text' | 'textarea' | 'select' | 'date' | 'person' | 'unit' | 'checkbox' | 'lines' | 'record' | 'records' | 'rows' | 'url';
  label: MessageKey;
  hint?: MessageKey;
  required?: boolean;
  /** select: the values, in order. */
  options?: readonly (string | number)[];
  /** select: the label of a value. */
  optionLabel?: (value: string, t: I18n['t']) => string;
  /** select: an empty choice (optional fields). */
  empty?: MessageKey;
  /** select: the value is a number on the wire. */
  numeric?: boolean;
  /** record(s): where to search. */
  source?: RecordSource;
  /** rows: the fields of one row; `rowLabel` names a row ({n}), `addLabel` the button. */
  fields?: FieldSpec[];
  rowLabel?: MessageKey;
  addLabel?: MessageKey;
  /** A new row's values. */
  newRow?: () => FormRow;
  /** Only on create, or only when editing. */
  only?: 'create' | 'edit';
  /** Shown only while this holds (e.g. the rationale of an accepted risk). */
  when?: (values: FormValues) => boolean;
  /** Takes the width of the form. */
  full?: boolean;
}

export interface SectionSpec {
  legend: MessageKey;
  help?: MessageKey;
  fields: FieldSpec[];
}

/** What every register's detail answer has (the server's `can…` flags vary; absent means no). */
export interface RecordBase {
  id: string;
  etag: string;
  archived?: boolean;
  archive: RetentionInfo;
  history: HistoryPage;
  canEdit?: boolean;
  canArchive?: boolean;
  /** Suppliers and governing documents: the fields the actor may change. */
  editableFields?: string[];
}

export interface ArchiveWords {
  action: MessageKey;
  /** `{title}` */
  title: MessageKey;
  help: MessageKey;
  done: MessageKey;
}

export interface FilterSpec {
  /** The list's query parameter. */
  name: string;
  label: MessageKey;
  kind: 'select' | 'unit' | 'person' | 'year';
  options?: readonly string[];
  optionLabel?: (value: string, t: I18n['t']) => string;
}

export interface ListPage<Row> {
  items: Row[];
  cursor: string | null;
  canCreate?: boolean;
  canAssign?: boolean;
  /** The supplier tree's flag: ISAM and the IT security officer keep the register. */
  canEditChecklist?: boolean;
  scope?: string;
}

export interface DetailContext<View> {
  view: View;
  /** The record after an action on it (the answer of a POST /…/review, a screening). */
  replace: (view: View) => void;
}

export interface RegisterSpec<Row = any, View extends RecordBase = any> {
  /** `/api/v1/<path>` and the tab's `#/<path>`. */
  path: string;
  title: MessageKey;
  intro: MessageKey;
  /** The table's name. */
  caption: MessageKey;
  newLabel: MessageKey;
  newTitle: MessageKey;
  /** `{code}`, `{title}`. */
  editTitle: MessageKey;
  /** The search field's hint; none: the register has no search. */
  searchHint?: MessageKey;
  filters: FilterSpec[];
  sort?: { fields: readonly string[]; default: string; direction: 'asc' | 'desc' };
  columns: (i18n: I18n) => Column<Row>[];
  rowId: (row: Row) => string;
  /** The card's title on a phone and the link's text. */
  rowTitle: (row: Row, t: I18n['t']) => string;
  /** Whether a row opens its page (an impact assessment the person may not read does not). */
  rowOpens?: (row: Row) => boolean;
  /** Whether the list offers "New" (from the page's flags; a register whose list has none says how). */
  canCreate: (page: ListPage<Row>, me: SessionView) => boolean;
  /** A note above the list from the page (e.g. "you see your own risks"). */
  scopeNote?: (page: ListPage<Row>, t: I18n['t']) => string | null;
  /** Above the list (the risk heat map). */
  listExtra?: ComponentType<{ query: URLSearchParams }>;
  heading: (view: View, t: I18n['t']) => string;
  facts: (view: View, i18n: I18n) => [MessageKey, ReactNode][];
  /** More sections of the detail page (findings, checklist, screening…). */
  detailExtra?: ComponentType<DetailContext<View>>;
  /** No edit form (impact assessments are started from their processing, but edited here). */
  noCreate?: boolean;
  sections: SectionSpec[];
  toForm: (view: View | null, me: SessionView) => FormValues;
  /** Extra adjustments after the generic conversion (e.g. a pair of fields sent together). */
  adjustInput?: (body: Record<string, unknown>, values: FormValues, mode: 'create' | 'edit') => Record<string, unknown>;
  /** Whether the person may change this field of the record (besides `canEdit` and `editableFields`). */
  fieldEditable?: (view: View, field: string) => boolean;
  /** The view's field that says whether the person may edit at all. */
  canEdit?: (view: View) => boolean;
  /** The archive action's words where "archive" is not what people call it (a role assignment is ended). */
  archiveWords?: ArchiveWords;
  /** Whether the person may archive it, where the answer has no `canArchive` (a role: whoever may change it). */
  canArchive?: (view: View) => boolean;
  /** No removal (governing documents are kept for good). */
  noRemove?: boolean;
}
