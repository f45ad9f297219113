/** Entry point: find out where the tab runs (Teams or a browser), then render. */
import { createRoot } from 'react-dom/client';
import { App, fetchAuthConfig } from './app/App';
import { connectHost } from './app/host';

// How to sign in is asked for at once, while teams-js (if any) and React start.
const config = fetchAuthConfig();
const host = await connectHost();
createRoot(document.getElementById('root')!).render(<App host={host} config={config} />);
