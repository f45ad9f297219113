/**
 * Leverantörer: the supplier's form (the list is the sub-supplier tree and the page the supplier
 * page of features/suppliers, which add the edit link, archive and history from here).
 */
import type { SupplierDetail } from '../../../../core/api';
import { DPA_STATUSES } from '../../../../core/domain/choices';
import { text } from '../form-values';
import type { RegisterSpec } from '../spec';
import { choice, is } from './common';

export const suppliers: RegisterSpec<{ id: string }, SupplierDetail> = {
  path: 'suppliers',
  title: 'tab.suppliers.title',
  intro: 'tab.suppliers.intro',
  caption: 'tab.suppliers.tree',
  newLabel: 'tab.supplier.new',
  newTitle: 'tab.supplier.newTitle',
  editTitle: 'tab.reg.editTitle',
  filters: [],
  columns: () => [],
  rowId: (r) => r.id,
  rowTitle: () => '',
  canCreate: (p) => p.canEditChecklist === true,
  heading: (v) => `${v.code} ${v.name}`,
  facts: () => [],
  sections: [
    {
      legend: 'tab.supplier.s.supplier',
      fields: [
        { name: 'name', kind: 'text', label: 'tab.supplier.f.name', required: true },
        { name: 'orgNumber', kind: 'text', label: 'tab.supplier.f.orgNumber', hint: 'tab.supplier.orgNumberHint' },
        { name: 'parentId', kind: 'record', source: 'suppliers', label: 'tab.supplier.f.parentId', hint: 'tab.supplier.parentHint' },
        { name: 'services', kind: 'textarea', label: 'tab.supplier.f.services', required: true },
        { name: 'processesPersonalData', kind: 'checkbox', label: 'tab.supplier.f.processesPersonalData' },
        { name: 'contractOwnerId', kind: 'person', label: 'tab.supplier.f.contractOwnerId' },
        { name: 'contractEndsAt', kind: 'date', label: 'tab.supplier.f.contractEndsAt' },
        { name: 'thirdCountry', kind: 'text', label: 'tab.supplier.f.thirdCountry', hint: 'tab.supplier.thirdCountryHint' },
        { name: 'thirdCountrySafeguard', kind: 'text', label: 'tab.supplier.f.thirdCountrySafeguard', when: (v) => String(v.thirdCountry ?? '').trim() !== '' },
      ],
    },
    {
      legend: 'tab.supplier.s.dpa',
      fields: [
        { name: 'dpaStatus', kind: 'select', label: 'tab.supplier.f.dpaStatus', required: true, options: DPA_STATUSES, optionLabel: choice('tab.dpa') },
        { name: 'dpaSignedAt', kind: 'date', label: 'tab.supplier.f.dpaSignedAt', when: is('dpaStatus', 'signed', 'expired') },
        { name: 'dpaExpiresAt', kind: 'date', label: 'tab.supplier.f.dpaExpiresAt', when: is('dpaStatus', 'signed', 'expired', 'draft') },
        { name: 'dpaInstructionAttached', kind: 'checkbox', label: 'tab.supplier.f.dpaInstructionAttached' },
        { name: 'dpaSubprocessorListAttached', kind: 'checkbox', label: 'tab.supplier.f.dpaSubprocessorListAttached' },
      ],
    },
    {
      legend: 'tab.supplier.s.followUps',
      help: 'tab.supplier.followUpsHelp',
      fields: [
        {
          name: 'followUps',
          kind: 'rows',
          label: 'tab.supplier.s.followUps',
          rowLabel: 'tab.supplier.followUpRow',
          addLabel: 'tab.supplier.addFollowUp',
          newRow: () => ({ plannedAt: '', focus: '', doneAt: '', findings: '' }),
          fields: [
            { name: 'plannedAt', kind: 'date', label: 'tab.supplier.f.plannedAt', required: true },
            { name: 'focus', kind: 'text', label: 'tab.supplier.f.focus', required: true },
            { name: 'doneAt', kind: 'date', label: 'tab.supplier.f.doneAt' },
            { name: 'findings', kind: 'textarea', label: 'tab.supplier.f.findings' },
          ],
        },
      ],
    },
    { legend: 'tab.supplier.f.notes', fields: [{ name: 'notes', kind: 'textarea', label: 'tab.supplier.f.notes' }] },
  ],
  toForm: (v) => ({
    name: text(v?.name),
    orgNumber: text(v?.orgNumber),
    parentId: v?.parent ?? null,
    services: text(v?.services),
    processesPersonalData: v?.processesPersonalData ?? false,
    contractOwnerId: v?.contractOwner ?? null,
    contractEndsAt: text(v?.contractEndsAt),
    thirdCountry: text(v?.thirdCountry),
    thirdCountrySafeguard: text(v?.thirdCountrySafeguard),
    dpaStatus: v?.dpaStatus ?? 'missing',
    dpaSignedAt: text(v?.dpaSignedAt),
    dpaExpiresAt: text(v?.dpaExpiresAt),
    dpaInstructionAttached: v?.dpaInstructionAttached ?? false,
    dpaSubprocessorListAttached: v?.dpaSubprocessorListAttached ?? false,
    followUps: (v?.followUps ?? []).map((f) => ({ id: f.id, plannedAt: f.plannedAt, focus: f.focus, doneAt: text(f.doneAt), findings: text(f.findings) })),
    notes: text(v?.notes),
  }),
  canEdit: (v) => !v.archived && v.editableFields.length > 0,
};
