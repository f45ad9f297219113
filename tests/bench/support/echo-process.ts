/**
 * The echo-bot floor of the load bench: a bare bot on the app's stack — botbuilder's CloudAdapter
 * (local mode's credential-less authentication, as bot/teams/adapter.ts makes it) behind express on
 * 127.0.0.1, in its own process. A message is echoed back through the Bot Connector (the fake one of
 * the bench, as the app replies); an Adaptive Card action is answered with a small card in the invoke
 * response. Nothing else: no store, no directory, no security headers — the floor under every
 * operation of the app.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express from 'express';
import { serveParent, usage } from './children';

export const ECHO_MESSAGE = 'Eko:';
export const ECHO_CARD = 'Eko-kort';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const app = express();
app.disable('x-powered-by');
app.post('/api/messages', express.json({ limit: '256kb' }), async (req, res) => {
  await adapter.process(req as never, res as never, async (context) => {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Message) {
      await context.sendActivity(`${ECHO_MESSAGE} ${activity.text ?? ''}`);
    } else if (activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action') {
      const verb = (activity.value as { action?: { verb?: string } } | undefined)?.action?.verb ?? '';
      const card = {
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.5',
        body: [
          { type: 'TextBlock', text: ECHO_CARD, weight: 'Bolder', wrap: true },
          { type: 'TextBlock', text: verb, wrap: true },
        ],
      };
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } } });
    }
  });
});
const server = http.createServer(app);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
serveParent({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }, { usage }, async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
