/** Strings of the HTTP doors and the bot's protocol checks (issue 17.6, issue 18): refusals people may see. */
import { defineMessages } from '../define';

export const security = defineMessages(
  {
    'http.unsupportedMediaType': 'Förfrågan har ett innehåll som inte stöds ({type}). Skicka JSON i UTF-8.',
    'http.unsupportedCharset': 'Teckenkodningen {charset} stöds inte. Skicka texten i UTF-8.',
    'http.tooLarge': 'Förfrågan är för stor.',
    'http.badRequest': 'Förfrågan kunde inte läsas.',
    'http.methodNotAllowed': 'Metoden stöds inte här.',
    'http.badActivity': 'Aktiviteten saknar något som krävs eller har ett fält i fel format: {field}.',
    'bot.unknownUser': 'Vi kunde inte känna igen ditt konto i organisationen. Inget har sparats. Kontakta IT-säkerhetsansvarig om du ska kunna använda LIS.',
    'bot.rateLimited': 'Du har gjort många förfrågningar på kort tid. Vänta {seconds} sekunder och försök igen.',
    'card.truncated': '… (förkortad – hela texten finns i ärendet)',
    'card.openRecord': 'Öppna i LIS',
    'card.tooLarge.title': '{title}',
    'card.tooLarge.text': 'Innehållet är för stort för ett kort i Teams. Öppna ärendet för att se allt.',
    'incident.wizard.descriptionShortened': 'Beskrivningen var för lång för ett kort i chatten och har kortats till {n} tecken. Korta den gärna själv – efter inskicket kan du komplettera i fliken.',
    'incident.wizard.unknownCategory': 'Välj en av de listade typerna av händelse.',
    'incident.wizard.unknownDataCategory': 'Välj kategorier av personuppgifter bland de listade.',
  },
  {
    'http.unsupportedMediaType': 'The request has a content type that is not supported ({type}). Send JSON in UTF-8.',
    'http.unsupportedCharset': 'The character encoding {charset} is not supported. Send the text in UTF-8.',
    'http.tooLarge': 'The request is too large.',
    'http.badRequest': 'The request could not be read.',
    'http.methodNotAllowed': 'That method is not supported here.',
    'http.badActivity': 'The activity lacks something required or has a field in the wrong format: {field}.',
    'bot.unknownUser': 'We could not recognise your account in the organisation. Nothing was saved. Contact the IT security officer if you should be able to use LIS.',
    'bot.rateLimited': 'You have made many requests in a short time. Wait {seconds} seconds and try again.',
    'card.truncated': '… (shortened – the full text is in the record)',
    'card.openRecord': 'Open in LIS',
    'card.tooLarge.title': '{title}',
    'card.tooLarge.text': 'The content is too large for a card in Teams. Open the record to see all of it.',
    'incident.wizard.descriptionShortened': 'The description was too long for a card in chat and has been shortened to {n} characters. You may shorten it yourself – after submitting you can add to it in the tab.',
    'incident.wizard.unknownCategory': 'Choose one of the listed kinds of event.',
    'incident.wizard.unknownDataCategory': 'Choose categories of personal data from the list.',
  },
);
