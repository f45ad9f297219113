/**
 * The ambassador network: the year's meetings (årshjul) planned by ISAM, invitations and follow-ups
 * in the network's channel, attendance per unit, and the tab's view of the year.
 */
export {
  FOLLOW_UP_CARD,
  followUpCorrelation,
  invitationCorrelation,
  MEETING_CARD,
  MeetingCardPayload,
  meetingCards,
  MeetingInput,
  NO_CHANNEL_CARD,
  type AttendanceSummary,
  type MeetingCards,
  type MeetingView,
} from './meeting-view';
export * from './meetings';
export * from './attendance';
export * from './calendar';
export * from './register';
