/**
 * Fault injection: random throttling (429), random unavailability (503), added latency, and scripted
 * faults that hit the next matching requests, including the "write committed but the client saw a
 * failure" cases that make idempotent creates necessary.
 */
import { z } from 'zod';
import { GraphError, serviceUnavailable, throttled } from './errors';

export type ScriptedFaultMode = '429' | '503' | 'commit-then-503' | 'commit-then-hang';

export interface ScriptedFault {
  /** HTTP method to match (case-insensitive); any method when absent. */
  method?: string;
  /** Substring the request path + query must contain, e.g. `/items` or `lists/Incidents`. */
  pathIncludes?: string;
  mode: ScriptedFaultMode;
  /** For `commit-then-hang`: how long to hold the response after committing (default 30 000 ms). */
  hangMs?: number;
  /** How many matching requests this fault applies to (default 1). */
  times?: number;
}

export interface FaultConfig {
  /** Probability (0..1) that a request is answered 429 with Retry-After before it runs. */
  rate429?: number;
  /** Probability (0..1) that a request is answered 503 with Retry-After before it runs. */
  rate503?: number;
  /** Retry-After value for injected 429/503 (default 1). */
  retryAfterSeconds?: number;
  /** Uniformly distributed extra latency [min, max] in ms, added to every HTTP request. */
  latencyMs?: [number, number];
  /** Faults for the next matching requests, used up in order. */
  script?: ScriptedFault[];
}

const scriptedFaultSchema = z.object({
  method: z.string().min(1).optional(),
  pathIncludes: z.string().min(1).optional(),
  mode: z.enum(['429', '503', 'commit-then-503', 'commit-then-hang']),
  hangMs: z.number().int().min(0).optional(),
  times: z.number().int().min(1).optional(),
});

export const faultConfigSchema = z.object({
  rate429: z.number().min(0).max(1).optional(),
  rate503: z.number().min(0).max(1).optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  latencyMs: z
    .tuple([z.number().min(0), z.number().min(0)])
    .refine(([a, b]) => a <= b, 'latencyMs must be [min, max] with min <= max')
    .optional(),
  script: z.array(scriptedFaultSchema).optional(),
});

/** Validates an untrusted fault configuration (from PUT /_local/faults). Throws a readable Error. */
export function parseFaultConfig(input: unknown): FaultConfig {
  const result = faultConfigSchema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid fault configuration: ${issues.join('; ')}`);
  }
  return result.data as FaultConfig;
}

/**
 * Reads the fault configuration from environment variables:
 * LOCAL_GRAPH_FAULT_429_RATE, LOCAL_GRAPH_FAULT_503_RATE, LOCAL_GRAPH_RETRY_AFTER_SECONDS,
 * LOCAL_GRAPH_LATENCY_MS (`50` or `20-80`).
 */
export function faultsFromEnv(env: NodeJS.ProcessEnv): FaultConfig {
  const config: FaultConfig = {};
  const rate = (name: string): number | undefined => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0 || value > 1) throw new Error(`${name} must be a number between 0 and 1, got '${raw}'`);
    return value;
  };
  const r429 = rate('LOCAL_GRAPH_FAULT_429_RATE');
  if (r429 !== undefined) config.rate429 = r429;
  const r503 = rate('LOCAL_GRAPH_FAULT_503_RATE');
  if (r503 !== undefined) config.rate503 = r503;
  const retryAfter = env.LOCAL_GRAPH_RETRY_AFTER_SECONDS?.trim();
  if (retryAfter) {
    const value = Number(retryAfter);
    if (!Number.isInteger(value) || value < 0) throw new Error(`LOCAL_GRAPH_RETRY_AFTER_SECONDS must be a whole number >= 0, got '${retryAfter}'`);
    config.retryAfterSeconds = value;
  }
  const latency = env.LOCAL_GRAPH_LATENCY_MS?.trim();
  if (latency) {
    const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(latency);
    if (!match) throw new Error(`LOCAL_GRAPH_LATENCY_MS must look like '50' or '20-80', got '${latency}'`);
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : Number(match[2]);
    if (max < min) throw new Error(`LOCAL_GRAPH_LATENCY_MS: max must be >= min, got '${latency}'`);
    config.latencyMs = [min, max];
  }
  return config;
}

/** What the server must do with one request, decided before it runs. */
export type FaultDecision =
  | { kind: 'none' }
  /** Answer with this error without running the request. */
  | { kind: 'reject'; error: GraphError }
  /** Run the request (commit), then answer 503 instead of its real response. */
  | { kind: 'commit-then-503'; error: GraphError }
  /** Run the request (commit), then hold the response for hangMs. */
  | { kind: 'commit-then-hang'; hangMs: number };

const DEFAULT_HANG_MS = 30_000;

/** Holds the live fault configuration and decides, request by request, which fault applies. */
export class FaultController {
  private config: FaultConfig = {};
  /** Remaining uses per scripted fault, parallel to config.script. */
  private remaining: number[] = [];

  constructor(
    config: FaultConfig = {},
    private readonly random: () => number = Math.random,
  ) {
    this.set(config);
  }

  /** Replaces the whole configuration (scripted faults start afresh). */
  set(config: FaultConfig): void {
    this.config = structuredClone(config);
    this.remaining = (this.config.script ?? []).map((f) => f.times ?? 1);
  }

  /** The configuration with scripted faults' remaining uses in `times`. */
  get(): FaultConfig {
    const copy = structuredClone(this.config);
    if (copy.script) {
      copy.script = copy.script
        .map((f, i) => ({ ...f, times: this.remaining[i] ?? 0 }))
        .filter((f) => (f.times ?? 0) > 0);
    }
    return copy;
  }

  private get retryAfter(): number {
    return this.config.retryAfterSeconds ?? 1;
  }

  /** Added latency for one HTTP request, in ms. */
  latency(): number {
    const range = this.config.latencyMs;
    if (!range) return 0;
    const [min, max] = range;
    return min + this.random() * (max - min);
  }

  /** Decides the fault for one Graph request (outer HTTP request or one request inside a $batch). */
  decide(method: string, pathAndQuery: string): FaultDecision {
    const script = this.config.script ?? [];
    for (let i = 0; i < script.length; i++) {
      const fault = script[i]!;
      if ((this.remaining[i] ?? 0) <= 0) continue;
      if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) continue;
      if (fault.pathIncludes && !pathAndQuery.includes(fault.pathIncludes)) continue;
      this.remaining[i] = (this.remaining[i] ?? 1) - 1;
      switch (fault.mode) {
        case '429':
          return { kind: 'reject', error: throttled(this.retryAfter) };
        case '503':
          return { kind: 'reject', error: serviceUnavailable(this.retryAfter) };
        case 'commit-then-503':
          return { kind: 'commit-then-503', error: serviceUnavailable(this.retryAfter) };
        case 'commit-then-hang':
          return { kind: 'commit-then-hang', hangMs: fault.hangMs ?? DEFAULT_HANG_MS };
      }
    }
    const r429 = this.config.rate429 ?? 0;
    if (r429 > 0 && this.random() < r429) return { kind: 'reject', error: throttled(this.retryAfter) };
    const r503 = this.config.rate503 ?? 0;
    if (r503 > 0 && this.random() < r503) return { kind: 'reject', error: serviceUnavailable(this.retryAfter) };
    return { kind: 'none' };
  }
}
