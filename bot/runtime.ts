/**
 * Everything one server process runs, assembled once: use-case deps, the bot and its features, the
 * notifier, the outbox worker and the scheduler. Local mode and Microsoft 365 mode build it the same
 * way; only the store, directory and config differ.
 */
import { randomUUID } from 'node:crypto';
import { INVOKE_RESPONSE_KEY, type CloudAdapter, type TurnContext } from 'botbuilder';
import { resolveLocale, t } from '../core/i18n';
import type { Deps, WorkLanes } from '../core/app/platform';
import type { SearchKeeping } from '../core/app/search';
import type { Clock } from '../core/ports/clock';
import type { Directory } from '../core/ports/directory';
import type { RecordStore } from '../core/ports/record-store';
import { BotRateLimiter } from './api/rate-limit';
import { recordLinks } from './cards/links';
import { plainHeading } from './cards/render';
import { composeDeps } from './compose';
import type { Config } from './config';
import { features as allFeatures } from './features';
import { showMenu } from './features/general';
import { createLogger, type Logger } from './log';
import { OutboxWorker, type CardRenderer } from './outbox/worker';
import type { Pacer } from './outbox/pacer';
import { Scheduler } from './scheduler/scheduler';
import { botAppId, createAdapter } from './teams/adapter';
import { LisBot } from './teams/bot';
import { ConversationDirectory } from './teams/conversations';
import { BotNotifier } from './teams/notifier';
import type { BotFeature } from './teams/turn';

export interface Runtime {
  config: Config;
  deps: Deps;
  log: Logger;
  adapter: CloudAdapter;
  bot: LisBot;
  conversations: ConversationDirectory;
  notifier: BotNotifier;
  outbox: OutboxWorker;
  scheduler: Scheduler;
  /** Search texts rebuilt after writes (core/app/search): `search.background.idle()` waits for them. */
  search: SearchKeeping;
  instanceId: string;
  /** Starts the background loops (outbox every 2 s, scheduler every 30 s). */
  start(): void;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  config: Config;
  store: RecordStore;
  directory: Directory;
  clock: Clock;
  log?: Logger;
  instanceId?: string;
  features?: BotFeature[];
  pacer?: Pacer;
  /** The Graph budget's lanes (core/adapters/sharepoint: inBackground, inUserLane), from the composition root. */
  lanes?: WorkLanes;
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const { config } = options;
  const log = options.log ?? createLogger();
  const deps = composeDeps(
    config,
    options.store,
    options.directory,
    options.clock,
    (task, error) => log.warn({ event: 'background.failed', task, err: error instanceof Error ? error.message : String(error) }, 'background task failed'),
    options.lanes,
  );
  // Search texts and figures a write changed are rebuilt on one background queue (bot/compose.ts).
  const search: SearchKeeping = { store: deps.store, background: deps.background! };
  const features = options.features ?? allFeatures;
  const instanceId = options.instanceId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  const adapter = createAdapter(config);
  adapter.onTurnError = turnErrorHandler(log);
  const conversations = new ConversationDirectory(options.store, options.clock);
  const links = recordLinks(config);
  const bot = new LisBot({ deps, conversations, features, log, fallback: showMenu, limiter: new BotRateLimiter(config.botRate), links });
  const notifier = new BotNotifier(adapter, botAppId(config), config.tenantId, options.store, conversations, options.clock);

  const cards = new Map(features.flatMap((f) => Object.entries(f.notifications ?? {})));
  const render: CardRenderer = (name, payload, locale) => {
    const def = cards.get(name);
    if (!def) throw new Error(`No notification card named ${name}`);
    const build = typeof def === 'function' ? def : def.card;
    const card = build(payload, locale, { links });
    // Teams shows the summary in toasts and the activity feed instead of "sent a card".
    const summary = typeof def === 'function' ? plainHeading(card) : def.summary(payload, locale);
    return { card, summary: summary || t(locale, 'app.name') };
  };
  const outbox = new OutboxWorker(deps, notifier, render, log, { instanceId, ...(options.pacer ? { pacer: options.pacer } : {}) });
  const scheduler = new Scheduler(deps, features.flatMap((f) => f.jobs ?? []), log, instanceId);

  return {
    config,
    deps,
    log,
    adapter,
    bot,
    conversations,
    notifier,
    outbox,
    scheduler,
    search,
    instanceId,
    start() {
      outbox.start();
      scheduler.start();
    },
    async stop() {
      // Side by side, each bounded: the whole stop stays well under 10 s with any backlog.
      await Promise.all([
        scheduler.stop(),
        outbox.stop(),
        // Figures being recounted and search texts being rebuilt finish (or are left to the healing passes after 5 s).
        Promise.race([deps.background?.idle(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]),
      ]);
    },
  };
}

/**
 * What the adapter does when a turn throws past the bot's own guard: log it with its stack, and
 * answer without internals.
 */
export function turnErrorHandler(log: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    log.error({ event: 'bot.turn_error', err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }, 'turn failed');
    // An invoke always gets its answer (without one the adapter says 501): a card action the
    // Universal Actions way (HTTP 200, an error message the client shows), anything else 500.
    if (context.activity.type === 'invoke' && !context.turnState.get(INVOKE_RESPONSE_KEY)) {
      const locale = resolveLocale(typeof context.activity.locale === 'string' ? context.activity.locale : null);
      const cardAction = context.activity.name === 'adaptiveCard/action';
      const value = cardAction
        ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: t(locale, 'error.unexpected') }
        : { statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'InternalError', message: t(locale, 'error.unexpected') } };
      await context.sendActivity({ type: 'invokeResponse', value: { status: cardAction ? 200 : 500, body: value } });
      return;
    }
    // Anything else: the door answers 500 without internals (bot/teams/endpoint.ts).
    throw error;
  };
}
