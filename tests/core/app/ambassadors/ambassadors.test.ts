/**
 * The årshjul's rules and use cases (core/domain/ambassador.ts, core/app/ambassadors): when the
 * invitation and the follow-up are due (Stockholm days, office hours, DST), the invitation-days
 * setting, validation, refusals, and a channel that is not linked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../../../core/app/people';
import { cancelMeeting, getMeeting, markAttendance, planMeeting, runAmbassadorCalendar } from '../../../../core/app/ambassadors';
import { Refused, type Deps } from '../../../../core/app/platform';
import { followUpDue, invitationDate, invitationDue, meetingPhase, type AmbassadorMeeting } from '../../../../core/domain';
import { RecordValidationError } from '../../../../core/ports/errors';
import { PEOPLE, startBotHarness, type BotHarness } from '../../../support/bot-harness';

const meeting = (startsAt: string, over: Partial<AmbassadorMeeting> = {}): AmbassadorMeeting => ({
  title: 'Träff',
  startsAt,
  theme: 'Träff',
  description: null,
  materialUrl: null,
  checklist: [],
  invitationSentAt: null,
  followUpSentAt: null,
  cancelledAt: null,
  attendance: [],
  ...over,
});
const at = (iso: string) => new Date(iso);

describe('when posts are due', () => {
  const dec10 = meeting('2026-12-10T12:00:00.000Z'); // 13:00 in Stockholm

  it('invites from 08:00 Stockholm time on the day N days before, until the meeting starts', () => {
    expect(invitationDate(dec10, 7)).toBe('2026-12-03');
    expect(invitationDue(dec10, at('2026-12-02T22:59:00Z'), 7)).toBe(false); // 23:59 on the 2nd
    expect(invitationDue(dec10, at('2026-12-03T06:59:00Z'), 7)).toBe(false); // 07:59 on the 3rd
    expect(invitationDue(dec10, at('2026-12-03T07:00:00Z'), 7)).toBe(true); // 08:00
    expect(invitationDue(dec10, at('2026-12-09T20:00:00Z'), 7)).toBe(true); // planned late: at once
    expect(invitationDue(dec10, at('2026-12-10T12:00:00Z'), 7)).toBe(false); // started
    expect(invitationDue(dec10, at('2026-12-07T07:00:00Z'), 3)).toBe(true);
    expect(invitationDue(dec10, at('2026-12-06T12:00:00Z'), 3)).toBe(false);
    expect(invitationDue({ ...dec10, invitationSentAt: '2026-12-03T07:00:00.000Z' }, at('2026-12-04T07:00:00Z'), 7)).toBe(false);
    expect(invitationDue({ ...dec10, cancelledAt: '2026-12-01T07:00:00.000Z' }, at('2026-12-04T07:00:00Z'), 7)).toBe(false);
  });

  it('counts Stockholm calendar days across the change to summer time', () => {
    const april1 = meeting('2027-04-01T11:00:00.000Z'); // 13:00 summer time; a week before is winter time
    expect(invitationDate(april1, 7)).toBe('2027-03-25');
    expect(invitationDue(april1, at('2027-03-25T06:59:00Z'), 7)).toBe(false); // 07:59 winter time
    expect(invitationDue(april1, at('2027-03-25T07:00:00Z'), 7)).toBe(true);
  });

  it('follows up from 08:00 the day after, while attendance is open', () => {
    expect(followUpDue(dec10, at('2026-12-10T22:00:00Z'))).toBe(false); // 23:00 the same day
    expect(followUpDue(dec10, at('2026-12-11T06:59:00Z'))).toBe(false);
    expect(followUpDue(dec10, at('2026-12-11T07:00:00Z'))).toBe(true);
    expect(followUpDue(dec10, at('2026-12-24T13:00:00Z'))).toBe(false); // attendance closed (14 days)
    expect(meetingPhase(dec10, at('2026-12-24T13:00:00Z'))).toBe('closed');
    expect(meetingPhase({ ...dec10, invitationSentAt: '2026-12-03T07:00:00.000Z' }, at('2026-12-05T07:00:00Z'))).toBe('invited');
  });
});

describe('use cases', () => {
  let h: BotHarness;
  let deps: Deps;
  beforeAll(async () => {
    h = await startBotHarness({ now: '2026-11-28T09:00:00.000Z' });
    deps = h.app.runtime.deps;
  });
  afterAll(async () => h?.close());

  it('validates what ISAM types, in the person’s language', async () => {
    const isam = await loadActor(deps, PEOPLE.isam);
    const bad = await planMeeting(deps, isam, { date: '2027-02-30', time: '25:00', theme: '  ' }, 'k1').catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(RecordValidationError);
    expect((bad as RecordValidationError).issues.map((i) => [i.path[0], i.messageKey])).toEqual([
      ['date', 'validation.invalidDate'],
      ['time', 'ambassadors.meeting.badTime'],
      ['theme', 'validation.required'],
    ]);
    const url = await planMeeting(deps, isam, { date: '2027-03-04', time: '13:00', theme: 'Tema', materialUrl: 'javascript:alert(1)' }, 'k2').catch((e: unknown) => e);
    expect((url as RecordValidationError).issues.map((i) => i.messageKey)).toEqual(['validation.invalidUrl']);
    const staff = await loadActor(deps, 'd0000000-0000-4000-8000-000000000016');
    await expect(planMeeting(deps, staff, { date: '2027-03-04', time: '13:00', theme: 'Tema' }, 'k3')).rejects.toMatchObject({ reason: 'forbidden', messageKey: 'ambassadors.meeting.onlyIsam' });
  });

  it('takes the invitation days from the settings', async () => {
    const isam = await loadActor(deps, PEOPLE.isam);
    const m = await planMeeting(deps, isam, { date: '2027-03-04', time: '13:00', theme: 'Tre dagars framförhållning' }, 'k4');
    const three = { ...deps, settings: { ...deps.settings, ambassadorInviteDays: 3 } };
    expect((await runAmbassadorCalendar(three, at('2027-02-28T09:00:00Z'))).invited).not.toContain(m.id);
    expect((await runAmbassadorCalendar(three, at('2027-03-01T09:00:00Z'))).invited).toEqual([m.id]);
    expect((await runAmbassadorCalendar(three, at('2027-03-01T09:00:00Z'))).invited).toEqual([]);
  });

  it('refuses attendance before the invitation and on a cancelled meeting', async () => {
    const isam = await loadActor(deps, PEOPLE.isam);
    const sara = await loadActor(deps, 'd0000000-0000-4000-8000-000000000008');
    const m = await planMeeting(deps, isam, { date: '2027-05-20', time: '13:00', theme: 'Senare' }, 'k5');
    await expect(markAttendance(deps, sara, m.id)).rejects.toMatchObject({ reason: 'state', messageKey: 'ambassadors.attend.notYet' });
    await cancelMeeting(deps, isam, m.id, m.etag);
    await expect(markAttendance(deps, sara, m.id)).rejects.toMatchObject({ reason: 'state', messageKey: 'ambassadors.attend.cancelled' });
    expect((await getMeeting(deps, isam, m.id)).phase).toBe('cancelled');
    await expect(markAttendance(deps, sara, '999999')).rejects.toBeInstanceOf(Refused);
  });

  it('tells ISAM once when no channel is linked, and posts once it is', async () => {
    const isam = await loadActor(deps, PEOPLE.isam);
    const m = await planMeeting(deps, isam, { date: '2027-06-10', time: '13:00', theme: 'Utan kanal' }, 'k6');
    const link = (await deps.store.findByKey('Channels', 'channel:ambassadors'))!;
    const unlinked = await deps.store.update('Channels', link, { active: false });
    const day = at('2027-06-03T08:00:00Z');
    expect(await runAmbassadorCalendar(deps, day)).toMatchObject({ invited: [] });
    await runAmbassadorCalendar(deps, day);
    const notices = (await deps.store.query('Outbox', { where: [{ field: 'correlationKey', op: 'eq', value: `ambassador-meeting:${m.id}:no-channel` }] })).items;
    expect(notices.map((n) => [n.data.targetType, n.data.targetId, n.data.card])).toEqual([['person', PEOPLE.isam, 'ambassadors.noChannel']]);

    await deps.store.update('Channels', unlinked, { active: true });
    expect((await runAmbassadorCalendar(deps, at('2027-06-03T09:00:00Z'))).invited).toEqual([m.id]);
  });
});
