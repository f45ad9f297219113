/** The ambassador network's annual plan (årshjul): meetings with a theme and attendance. */
import { z } from 'zod';
import { AadObjectId, Line, OptionalText, UtcDateTime, WebUrl } from './common';

export const Attendance = z.object({ personId: AadObjectId, unit: z.string().trim().max(50).nullable(), at: UtcDateTime });

export const AmbassadorMeeting = z.object({
  title: Line(255),
  startsAt: UtcDateTime,
  theme: Line(500),
  description: OptionalText(4_000),
  materialUrl: WebUrl.nullable(),
  /** "Take home to your unit" points for the follow-up card. */
  checklist: z.array(Line(300)).max(20),
  invitationSentAt: UtcDateTime.nullable(),
  followUpSentAt: UtcDateTime.nullable(),
  attendance: z.array(Attendance).max(500),
});
export type AmbassadorMeeting = z.infer<typeof AmbassadorMeeting>;
