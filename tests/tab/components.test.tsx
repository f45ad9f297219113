// @vitest-environment happy-dom
/**
 * The tab's shared pieces: the register table that becomes a list of cards on a narrow screen,
 * the Swedish date and time fields, and form messages that go away when a field is corrected.
 */
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DateField } from '../../tab/components/DateField';
import { ErrorSummary } from '../../tab/components/ErrorSummary';
import { PagedTable, type Column, type SortState } from '../../tab/components/PagedTable';
import { TimeField } from '../../tab/components/TimeField';
import { dateOfDay, dayOf, parseDay, parseTime } from '../../tab/components/dates';
import { useFormErrors } from '../../tab/components/useFormErrors';
import { renderPlain } from './render';

afterEach(cleanup);

interface Row {
  id: string;
  name: string;
  unit: string;
}
const rows: Row[] = [
  { id: '1', name: 'Lönesystem', unit: 'ADM' },
  { id: '2', name: 'Elevregister', unit: 'FSK' },
];
const columns: Column<Row>[] = [
  { key: 'name', header: 'Namn', sortField: 'name', cell: (r) => <a href={`#/x/${r.id}`}>{r.name}</a> },
  { key: 'unit', header: <abbr title="Enhet">Enh.</abbr>, label: 'Enhet', sortField: 'unit', cell: (r) => r.unit },
];

describe('PagedTable', () => {
  it('is a table with sortable headers where there is room', async () => {
    const onSortChange = vi.fn<(s: SortState) => void>();
    renderPlain(<PagedTable label="System" columns={columns} rows={rows} rowKey={(r) => r.id} sort={{ field: 'name', direction: 'asc' }} onSortChange={onSortChange} layout="table" />);
    const table = screen.getByRole('table', { name: 'System' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    await userEvent.click(within(table).getByRole('columnheader', { name: /Namn/ }).querySelector('button, [role=button]') ?? within(table).getByText('Namn'));
    expect(onSortChange).toHaveBeenLastCalledWith({ field: 'name', direction: 'desc' });
  });

  it('becomes a list of cards on a narrow screen: the title, the other columns as label and value, sorting as a choice', async () => {
    const onSortChange = vi.fn<(s: SortState) => void>();
    renderPlain(<PagedTable label="System" columns={columns} rows={rows} rowKey={(r) => r.id} sort={{ field: 'name', direction: 'asc' }} onSortChange={onSortChange} layout="list" />);
    expect(screen.queryByRole('table')).toBeNull();
    const list = screen.getByRole('list', { name: 'System' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByRole('link', { name: 'Lönesystem' })).toBeTruthy();
    // The abbreviated header is spelled out in the card.
    expect(within(items[0]!).getByRole('term').textContent).toBe('Enhet');
    expect(within(items[0]!).getByRole('definition').textContent).toBe('ADM');
    const sort = screen.getByRole('combobox', { name: 'Sortera' });
    expect(within(sort).getAllByRole('option').map((o) => o.textContent)).toEqual(['Namn, stigande', 'Namn, fallande', 'Enhet, stigande', 'Enhet, fallande']);
    await userEvent.selectOptions(sort, 'unit:desc');
    expect(onSortChange).toHaveBeenLastCalledWith({ field: 'unit', direction: 'desc' });
  });
});

describe('dates and times as Swedes write them', () => {
  it('reads a day in the ways people type it, and only real days', () => {
    for (const text of ['2026-12-06', '2026-12-6', '20261206', '6/12 2026', '6/12/2026', '6.12.2026']) expect(dayOf(parseDay(text)!), text).toBe('2026-12-06');
    for (const text of ['2026-02-30', '31/4 2026', 'i morgon', '12/06', '']) expect(parseDay(text), text).toBeNull();
    expect(dateOfDay('2026-13-01')).toBeNull();
  });

  it('reads a time of day, 24 hours', () => {
    expect(['8', '815', '0815', '8:15', '8.15', '08:15', '23:59'].map(parseTime)).toEqual(['08:00', '08:15', '08:15', '08:15', '08:15', '08:15', '23:59']);
    for (const text of ['24:00', '8:60', 'kvart över åtta', '']) expect(parseTime(text), text).toBeNull();
  });
});

describe('DateField and TimeField', () => {
  function Form() {
    const [day, setDay] = useState('');
    const [time, setTime] = useState('');
    return (
      <>
        <DateField label="Upptäckt" value={day} onChange={setDay} />
        <TimeField label="Klockslag" value={time} onChange={setTime} />
        <output data-testid="value">{`${day} ${time}`}</output>
      </>
    );
  }

  it('take typed Swedish dates and times, say what is wrong next to the field, and forget it once corrected', async () => {
    renderPlain(<Form />);
    const date = screen.getByRole('combobox', { name: /Upptäckt/ });
    await userEvent.type(date, 'i morgon');
    fireEvent.focusOut(date);
    expect(await screen.findByText(/Skriv datumet som ÅÅÅÅ-MM-DD/)).toBeTruthy();
    await userEvent.clear(date);
    await userEvent.type(date, '6/12 2026');
    fireEvent.focusOut(date);
    expect(screen.queryByText(/Skriv datumet som ÅÅÅÅ-MM-DD/)).toBeNull();

    const time = screen.getByRole('combobox', { name: /Klockslag/ });
    await userEvent.type(time, '815');
    fireEvent.focusOut(time);
    expect(screen.getByTestId('value').textContent).toBe('2026-12-06 08:15');
    expect((time as HTMLInputElement).value).toBe('08:15');
  });
});

describe('form messages', () => {
  function Form() {
    const errors = useFormErrors();
    const [name, setName] = useState('');
    return (
      <>
        <ErrorSummary errors={errors.errors} labelOf={(f) => (f === 'name' ? 'Namn' : f)} idOf={(f) => `f-${f}`} />
        <label htmlFor="f-name">Namn</label>
        <input
          id="f-name"
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            errors.clear('name');
          }}
        />
        <span>{errors.message('name')}</span>
        <button onClick={() => errors.set({ name: ['Namn måste fyllas i.'], unit: ['Enhet måste fyllas i.'] })}>Spara</button>
      </>
    );
  }

  it('shows how many fields need correcting, links to them, and drops a field’s message when it changes', async () => {
    renderPlain(<Form />);
    await userEvent.click(screen.getByRole('button', { name: 'Spara' }));
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('2 fält behöver rättas')).toBeTruthy();
    await userEvent.click(within(alert).getByRole('link', { name: 'Namn måste fyllas i.' }));
    expect(document.activeElement?.id).toBe('f-name');
    await userEvent.type(screen.getByLabelText('Namn'), 'L');
    expect(screen.queryByText('Namn måste fyllas i.')).toBeNull();
    expect(within(screen.getByRole('alert')).getByText('Ett fält behöver rättas')).toBeTruthy();
  });
});
