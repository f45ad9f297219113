/**
 * Strings of issue 17.3 and 17.4: who may enter LIS, and separation of duties in access management.
 * Every refusal says why and whom to ask.
 */
import { defineMessages } from '../define';

export const duties = defineMessages(
  {
    'entry.unknown':
      'Ditt konto finns inte i förvaltningens katalog, så LIS kan inte släppa in dig. Inget har sparats. Om du arbetar på förvaltningen: be IT-supporten kontrollera ditt konto.',
    'entry.disabled':
      'Ditt konto är inaktiverat i förvaltningens katalog, så LIS kan inte släppa in dig. Inget har sparats. Om du fortfarande arbetar här: kontakta din chef eller IT-supporten.',
    'entry.guest':
      'LIS är bara till för förvaltningens medarbetare: gästkonton och konton från andra organisationer släpps inte in. Inget har sparats. Behöver du rapportera en säkerhetshändelse, kontakta din kontaktperson på förvaltningen eller informationssäkerhetssamordnaren (ISAM).',
    'entry.notAssigned':
      'Du är inte tilldelad appen LIS för Teams. Inget har sparats. Be din chef att begära åtkomst hos förvaltningens IT-administratör.',
    'entry.title': 'Du kan inte använda LIS',
    'tab.signIn.refused': 'Konton som LIS inte släpper in',
    'tab.signIn.refusedIntro': 'Finns i demokatalogen för att prova kontrollen vid dörren: ett gästkonto och ett inaktiverat konto. Logga in som någon av dem för att se vad de möts av.',
    'tab.signIn.reason.guest': 'Gästkonto (extern)',
    'tab.signIn.reason.disabled': 'Inaktiverat konto',
    'tab.signIn.switch': 'Byt demoperson',
  },
  {
    'entry.unknown':
      'Your account is not in the administration’s directory, so LIS cannot let you in. Nothing was saved. If you work at the administration, ask IT support to check your account.',
    'entry.disabled':
      'Your account is disabled in the administration’s directory, so LIS cannot let you in. Nothing was saved. If you still work here, contact your manager or IT support.',
    'entry.guest':
      'LIS is only for the administration’s staff: guest accounts and accounts from other organisations are not let in. Nothing was saved. If you need to report a security incident, contact your contact person at the administration or the information security coordinator (ISAM).',
    'entry.notAssigned':
      'You have not been assigned the LIS for Teams app. Nothing was saved. Ask your manager to request access from the administration’s IT administrator.',
    'entry.title': 'You cannot use LIS',
    'tab.signIn.refused': 'Accounts LIS does not let in',
    'tab.signIn.refusedIntro': 'In the demo directory to try the check at the door: a guest account and a disabled account. Sign in as one of them to see what they meet.',
    'tab.signIn.reason.guest': 'Guest account (external)',
    'tab.signIn.reason.disabled': 'Disabled account',
    'tab.signIn.switch': 'Choose another demo person',
  },
);
