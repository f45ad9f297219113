/** Entry point: find out where the tab runs (Teams or a browser), then render. */
import { createRoot } from 'react-dom/client';
import { App, fetchAuthConfig } from './app/App';
import { connectHost } from './app/host';
import { browserLocale } from './app/i18n';
import { loadMessages } from './app/messages';

// How to sign in is asked for at once, while teams-js (if any) and React start.
const config = fetchAuthConfig();
// The person's language is fetched at the same time: the browser's language is almost always
// Teams' too; if the host says otherwise, its language is loaded before the first render.
const early = loadMessages(browserLocale());
const host = await connectHost();
await Promise.all([early, loadMessages(host.locale)]);
createRoot(document.getElementById('root')!).render(<App host={host} config={config} />);
