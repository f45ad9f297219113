/**
 * Ambassadörsnätverket: the year's meetings and attendance per unit.
 * Swedish first; every key in both languages (the types check it).
 */
import { defineMessages } from '../../define';

export const tabAmbassadors = defineMessages(
  {
    'tab.nav.ambassadors': 'Ambassadörsnätverket',
    'tab.ambassadors.title': 'Ambassadörsnätverket',
    'tab.ambassadors.intro': 'Årshjulet: nätverkets träffar under året, och vilka enheter som var representerade.',
    'tab.ambassadors.year': 'År',
    'tab.ambassadors.previous': 'Föregående år',
    'tab.ambassadors.next': 'Nästa år',
    'tab.ambassadors.meetings': 'Träffar {year}',
    'tab.ambassadors.none': 'Inga träffar planerade detta år.',
    'tab.ambassadors.state.upcoming': 'Planerad',
    'tab.ambassadors.state.held': 'Genomförd',
    'tab.ambassadors.state.cancelled': 'Inställd',
    'tab.ambassadors.attendees': '{n} deltagare från {units} enheter',
    'tab.ambassadors.material': 'Material',
    'tab.ambassadors.units': 'Närvaro per enhet',
    'tab.ambassadors.unitsCaption': 'Närvaro per enhet {year}',
    'tab.ambassadors.col.unit': 'Enhet',
    'tab.ambassadors.col.ambassadors': 'Ambassadörer',
    'tab.ambassadors.col.attended': 'Representerad',
    'tab.ambassadors.attendedOf': '{n} av {held} träffar',
    'tab.ambassadors.noAmbassador': 'Ingen ambassadör',
  },
  {
    'tab.nav.ambassadors': 'Ambassador network',
    'tab.ambassadors.title': 'Ambassador network',
    'tab.ambassadors.intro': 'The annual cycle: the network’s meetings of the year, and which units were represented.',
    'tab.ambassadors.year': 'Year',
    'tab.ambassadors.previous': 'Previous year',
    'tab.ambassadors.next': 'Next year',
    'tab.ambassadors.meetings': 'Meetings {year}',
    'tab.ambassadors.none': 'No meetings planned this year.',
    'tab.ambassadors.state.upcoming': 'Planned',
    'tab.ambassadors.state.held': 'Held',
    'tab.ambassadors.state.cancelled': 'Cancelled',
    'tab.ambassadors.attendees': '{n} attendees from {units} units',
    'tab.ambassadors.material': 'Material',
    'tab.ambassadors.units': 'Attendance per unit',
    'tab.ambassadors.unitsCaption': 'Attendance per unit {year}',
    'tab.ambassadors.col.unit': 'Unit',
    'tab.ambassadors.col.ambassadors': 'Ambassadors',
    'tab.ambassadors.col.attended': 'Represented',
    'tab.ambassadors.attendedOf': '{n} of {held} meetings',
    'tab.ambassadors.noAmbassador': 'No ambassador',
  },
);
