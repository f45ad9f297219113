/**
 * Everything one server process runs, assembled once: use-case deps, the bot and its features, the
 * notifier, the outbox worker and the scheduler. Local mode and Microsoft 365 mode build it the same
 * way; only the store, directory and config differ.
 */
import { randomUUID } from 'node:crypto';
import type { CloudAdapter } from 'botbuilder';
import type { Deps } from '../core/app/platform';
import type { Clock } from '../core/ports/clock';
import type { Directory } from '../core/ports/directory';
import type { RecordStore } from '../core/ports/record-store';
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
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const { config } = options;
  const log = options.log ?? createLogger();
  const deps = composeDeps(config, options.store, options.directory, options.clock);
  const features = options.features ?? allFeatures;
  const instanceId = options.instanceId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  const adapter = createAdapter(config);
  adapter.onTurnError = async (_context, error) => {
    log.error({ event: 'bot.turn_error', err: error instanceof Error ? error.message : String(error) }, 'turn failed');
  };
  const conversations = new ConversationDirectory(options.store, options.clock);
  const bot = new LisBot({ deps, conversations, features, log, fallback: showMenu });
  const notifier = new BotNotifier(adapter, botAppId(config), config.tenantId, options.store, conversations, options.clock);

  const cards = new Map(features.flatMap((f) => Object.entries(f.notifications ?? {})));
  const render: CardRenderer = (name, payload, locale) => {
    const build = cards.get(name);
    if (!build) throw new Error(`No notification card named ${name}`);
    return build(payload, locale);
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
    instanceId,
    start() {
      outbox.start();
      scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      await outbox.stop();
    },
  };
}
