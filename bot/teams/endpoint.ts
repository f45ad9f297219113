/** Mounts the bot at POST /api/messages. */
import express, { Router } from 'express';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from '../log';
import type { LisBot } from './bot';

export function botEndpoint(adapter: CloudAdapter, bot: LisBot, log: Logger): Router {
  const router = Router();
  // Teams activities are small; 256 kB leaves room for a long card submit and refuses abuse.
  router.post('/api/messages', express.json({ limit: '256kb' }), async (req, res) => {
    try {
      await adapter.process(req as never, res as never, (context) => bot.run(context));
    } catch (error) {
      log.error({ event: 'bot.process_failed', err: error instanceof Error ? error.message : String(error) }, 'bot request failed');
      if (!res.headersSent) res.status(500).end();
    }
  });
  return router;
}
