/**
 * Ambassadörsnätverket over HTTP: the year's meetings on the indexed `startsAt`, in order, with
 * attendance per unit (counts, not names).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, startApi, type Api } from './helpers';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => api?.close());

describe('the ambassador network', () => {
  it('lists the year’s meetings in order, with the units that attended', async () => {
    const stored = [];
    for await (const m of api.app.sharepoint.store.queryAll('AmbassadorMeetings')) stored.push(m);
    const first = stored.sort((a, b) => a.data.startsAt.localeCompare(b.data.startsAt))[0]!;
    await api.app.sharepoint.store.update('AmbassadorMeetings', first, {
      attendance: [
        { personId: PEOPLE.classificationLead, unit: 'LEDN', at: first.data.startsAt },
        { personId: 'd0000000-0000-4000-8000-000000000008', unit: 'ADM', at: first.data.startsAt },
      ],
    });
    const year = Number(first.data.startsAt.slice(0, 4));
    const res = await api.call('GET', `/ambassadors?year=${year}`, { as: PEOPLE.staff });
    expect(res.status).toBe(200);
    const times = res.body.meetings.map((m: { startsAt: string }) => m.startsAt);
    expect([...times].sort()).toEqual(times);
    expect(times.every((t: string) => t.startsWith(String(year)))).toBe(true);
    expect(res.body.meetings[0]).toMatchObject({ state: 'held', attendees: 2, units: ['ADM', 'LEDN'] });
    const ledn = res.body.units.find((u: { unit: string }) => u.unit === 'LEDN');
    expect(ledn.attended).toBe(1);
    expect(ledn.ambassadors).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toContain(PEOPLE.classificationLead);
    const next = await api.call('GET', `/ambassadors?year=${year + 1}`, { as: PEOPLE.staff });
    expect(next.body.meetings.length).toBeGreaterThan(0);
    expect(next.body.meetings.every((m: { state: string }) => m.state === 'upcoming')).toBe(true);
    expect((await api.call('GET', '/ambassadors?year=abc', { as: PEOPLE.staff })).status).toBe(400);
  });
});
