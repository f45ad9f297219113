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
    'access.decision.ownersOwn':
      'Ärendet gäller informationsägarens egen behörighet. Därför beslutar informationsägarens chef (eller informationssäkerhetssamordnaren) – inte informationsägaren eller dennes ersättare.',
    'access.review.notIndependent':
      'De här behörigheterna i {asset} är informationsägarens egna. De granskas av {reviewer} – inte av informationsägaren eller dennes ersättare. Inget har sparats.',
    'access.review.notYours': '{count, plural, one {# behörighet är din egen och granskas} other {# behörigheter är dina egna och granskas}} av någon annan. {count, plural, one {Den har} other {De har}} inte sparats.',
    'access.review.introOwnersOwn':
      'Det här är behörigheter som informationsägaren {owner} själv har i systemet. Ingen granskar sin egen behörighet, så du granskar dem som {as}. Välj Behåll eller Ta bort för var och en och spara.',
    'tab.asset.delegate.owner': 'Informationsägaren kan inte vara sin egen ersättare.',
    'tab.asset.delegate.notAdmitted': '{name} kan inte vara ersättare: kontot är inaktiverat eller är ett gästkonto.',
    'tab.asset.delegate.noApproverRole':
      '{name} kan inte vara ersättare. En ersättare beslutar om behörigheter i informationsägarens ställe och måste vara chef (rollen Närmaste chef eller Stadsdelsdirektör).',
    'tab.asset.delegate.carriesOut':
      '{name} kan inte vara ersättare: administrativa enheten genomför behörighetsändringar och kan därför inte också besluta om dem.',
    'tab.access.col.approvedBy': 'Beviljad av',
    'access.as.owner': 'informationsägare',
    'access.as.delegate': 'ersättare för informationsägaren',
    'access.as.line_manager': 'informationsägarens chef',
    'access.as.isam': 'informationssäkerhetssamordnare',
    'access.decide.ownersAccess':
      'Ärendet gäller behörighet för informationsägaren själv ({owner}) i {asset}. Det beslutas av {approver} – inte av informationsägaren eller någon som informationsägaren har utsett. Inget har sparats.',
    'access.decide.delegateNoRole':
      'Du är ersättare för informationsägaren av {asset} men har ingen roll som får besluta om behörigheter (chef). Ärendet beslutas av {owner}. Inget har sparats.',
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
    'access.decision.ownersOwn':
      'This case concerns the information owner’s own access. It is therefore decided by the owner’s manager (or the information security coordinator) – not by the owner or the owner’s delegate.',
    'access.review.notIndependent':
      'These grants in {asset} are the information owner’s own. They are reviewed by {reviewer} – not by the owner or the owner’s delegate. Nothing was saved.',
    'access.review.notYours': '{count, plural, one {# grant is your own and is reviewed by someone else. It was} other {# grants are your own and are reviewed by someone else. They were}} not saved.',
    'access.review.introOwnersOwn':
      'These are grants the information owner {owner} holds in the system. Nobody reviews their own access, so you review them as {as}. Choose Keep or Remove for each and save.',
    'tab.asset.delegate.owner': 'The information owner cannot be their own delegate.',
    'tab.asset.delegate.notAdmitted': '{name} cannot be the delegate: the account is disabled or a guest account.',
    'tab.asset.delegate.noApproverRole':
      '{name} cannot be the delegate. A delegate decides access in the information owner’s place and must be a manager (the role Line manager or District director).',
    'tab.asset.delegate.carriesOut':
      '{name} cannot be the delegate: the administrative unit carries out access changes and therefore cannot also decide them.',
    'tab.access.col.approvedBy': 'Approved by',
    'access.as.owner': 'information owner',
    'access.as.delegate': 'the information owner’s delegate',
    'access.as.line_manager': 'the information owner’s manager',
    'access.as.isam': 'information security coordinator',
    'access.decide.ownersAccess':
      'This case concerns access for the information owner themself ({owner}) in {asset}. It is decided by {approver} – not by the information owner or anyone the owner has appointed. Nothing was saved.',
    'access.decide.delegateNoRole':
      'You are the delegate of the information owner of {asset} but hold no role that may decide access (a manager). {owner} decides this case. Nothing was saved.',
  },
);
