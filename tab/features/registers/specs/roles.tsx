/** Roller: who holds the LIS roles; ISAM and the administrative unit assign and end them. */
import type { RoleRow, RoleView } from '../../../../core/api';
import { ROLE_SORT_FIELDS } from '../../../../core/api/choices';
import type { RoleKey } from '../../../../core/domain';
import { text } from '../form-values';
import { InformationOwner } from '../InformationOwner';
import type { RegisterSpec } from '../spec';
import { person, rowLink } from './common';

/** The role keys (core/domain/roles.ts), as values the tab may import. */
export const ROLE_CHOICES = ['isam', 'itsec', 'dso', 'classification_lead', 'admin_unit', 'manager', 'director', 'ambassador'] as const satisfies readonly RoleKey[];

const roleLabel = (v: string, t: (k: `tab.role.${RoleKey}`) => string) => t(`tab.role.${v as RoleKey}`);

export const roles: RegisterSpec<RoleRow, RoleView> = {
  path: 'roles',
  title: 'tab.roles.title',
  intro: 'tab.roles.intro',
  caption: 'tab.roles.caption',
  newLabel: 'tab.roles.new',
  newTitle: 'tab.roles.newTitle',
  editTitle: 'tab.reg.editTitle',
  filters: [
    { name: 'role', label: 'tab.roles.f.role', kind: 'select', options: ROLE_CHOICES, optionLabel: roleLabel },
    { name: 'unit', label: 'tab.reg.unit', kind: 'unit' },
    { name: 'personId', label: 'tab.roles.f.personId', kind: 'person' },
  ],
  sort: { fields: ROLE_SORT_FIELDS, default: 'role', direction: 'asc' },
  columns: ({ t, date, dateTime }) => [
    { key: 'person', header: t('tab.roles.f.personId'), hideInList: true, cell: (r) => rowLink('roles', r.id, person(r.person, t)) },
    { key: 'role', header: t('tab.roles.f.role'), sortField: 'role', cell: (r) => t(`tab.role.${r.role}`) },
    { key: 'unit', header: t('tab.reg.unit'), width: '6rem', cell: (r) => r.unit ?? '–' },
    { key: 'assigned', header: t('tab.roles.f.assignedAt'), sortField: 'assignedAt', width: '12rem', cell: (r) => `${dateTime(r.assignedAt)}${r.assignedBy ? `, ${person(r.assignedBy, t)}` : ''}` },
    { key: 'validTo', header: t('tab.roles.f.validTo'), width: '8rem', cell: (r) => (r.validTo ? date(r.validTo) : '–') },
    { key: 'state', header: t('tab.roles.f.state'), width: '7rem', cell: (r) => t(r.endedAt ? 'tab.roles.ended' : r.expired ? 'tab.roles.expired' : 'tab.roles.active') },
  ],
  rowId: (r) => r.id,
  rowTitle: (r, t) => `${person(r.person, t)} – ${t(`tab.role.${r.role}`)}`,
  canCreate: (p) => p.canAssign === true,
  listExtra: InformationOwner,
  heading: (v, t) => `${person(v.person, t)} – ${t(`tab.role.${v.role}`)}`,
  facts: (v, i18n) => {
    const { t } = i18n;
    return [
      ['tab.roles.f.personId', person(v.person, t)],
      ['tab.roles.f.role', t(`tab.role.${v.role}`)],
      ['tab.reg.unit', v.unit],
      ['tab.roles.f.assignedAt', `${i18n.dateTime(v.assignedAt)}${v.assignedBy ? `, ${person(v.assignedBy, t)}` : ''}`],
      ['tab.roles.f.validTo', v.validTo ? i18n.date(v.validTo) : null],
      ['tab.roles.f.state', t(v.endedAt ? 'tab.roles.ended' : v.expired ? 'tab.roles.expired' : 'tab.roles.active')],
      ['tab.roles.f.ended', v.endedAt ? `${i18n.dateTime(v.endedAt)}${v.endedBy ? `, ${person(v.endedBy, t)}` : ''}` : null],
    ];
  },
  sections: [
    {
      legend: 'tab.roles.s.assignment',
      help: 'tab.roles.help',
      fields: [
        { name: 'personId', kind: 'person', label: 'tab.roles.f.personId', required: true, only: 'create' },
        { name: 'role', kind: 'select', label: 'tab.roles.f.role', required: true, only: 'create', options: ROLE_CHOICES, optionLabel: roleLabel },
        { name: 'unit', kind: 'unit', label: 'tab.reg.unit', hint: 'tab.roles.unitHint' },
        { name: 'validTo', kind: 'date', label: 'tab.roles.f.validTo' },
      ],
    },
  ],
  toForm: (v) => ({ personId: v?.person ?? null, role: v?.role ?? '', unit: text(v?.unit), validTo: text(v?.validTo) }),
  canEdit: (v) => v.canEdit && v.active,
  canArchive: (v) => v.canEdit && v.active,
  archiveWords: { action: 'tab.roles.end', title: 'tab.roles.endTitle', help: 'tab.roles.endHelp', done: 'tab.roles.endDone' },
};
