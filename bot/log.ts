/**
 * Structured logs (pino). Entries carry ids (aadObjectId, item ids, correlation keys) and never
 * personal data: no names, e-mail addresses or free text from cards.
 */
import pino from 'pino';

export type Logger = pino.Logger;

/** `destination`: where the lines go (default stdout); the CPU bench logs to /dev/null, so that logging is counted. */
export function createLogger(options: { level?: string; silent?: boolean; destination?: pino.DestinationStream } = {}): Logger {
  const settings: pino.LoggerOptions = {
    level: options.silent ? 'silent' : (options.level ?? process.env.LOG_LEVEL ?? 'info'),
    base: { app: 'lis-for-teams' },
    redact: { paths: ['*.text', '*.description', '*.email', '*.displayName', '*.name', 'req.headers.authorization'], censor: '[redacted]' },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
