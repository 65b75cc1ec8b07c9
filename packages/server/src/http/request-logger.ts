import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';

// pino's levels (the server defines no custom ones).
const VALUES: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

type LogArgs = Parameters<FastifyBaseLogger['info']>;

/**
 * The request's logger (`req.log`): the pino child with the request id, made on the first call that writes a line.
 *
 * Fastify makes that child for every request, and a pino child is not cheap (its bindings serialised, every level
 * method rebuilt): about 1 µs, most of what a /healthz request costs beyond the framework, for a logger that
 * most requests never write to at the configured level (issue 7, B1). What is written is unchanged: the same child,
 * the same bindings, the same lines.
 */
class RequestLogger implements FastifyBaseLogger {
  readonly #parent: FastifyBaseLogger;
  readonly #bindings: Bindings;
  #opts: ChildLoggerOptions;
  #level: string;
  #threshold: number;
  #child: FastifyBaseLogger | null = null;

  constructor(parent: FastifyBaseLogger, bindings: Bindings, opts: ChildLoggerOptions) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#opts = opts;
    this.#level = opts.level ?? parent.level;
    this.#threshold = VALUES[this.#level] ?? 0;
  }

  get level(): string {
    return this.#level;
  }
  set level(level: string) {
    this.#level = level;
    this.#threshold = VALUES[level] ?? 0;
    if (this.#child) this.#child.level = level;
    else this.#opts = { ...this.#opts, level };
  }

  #real(): FastifyBaseLogger {
    return (this.#child ??= this.#parent.child(this.#bindings, this.#opts));
  }

  trace(...args: LogArgs): void {
    if (this.#threshold <= 10) this.#real().trace(...args);
  }
  debug(...args: LogArgs): void {
    if (this.#threshold <= 20) this.#real().debug(...args);
  }
  info(...args: LogArgs): void {
    if (this.#threshold <= 30) this.#real().info(...args);
  }
  warn(...args: LogArgs): void {
    if (this.#threshold <= 40) this.#real().warn(...args);
  }
  error(...args: LogArgs): void {
    if (this.#threshold <= 50) this.#real().error(...args);
  }
  fatal(...args: LogArgs): void {
    if (this.#threshold <= 60) this.#real().fatal(...args);
  }
  silent(): void {}
  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real().child(bindings, options);
  }
}

/** Fastify's child logger factory for the app (`setChildLoggerFactory`); see `RequestLogger`. */
export const requestLoggerFactory: Parameters<FastifyInstance['setChildLoggerFactory']>[0] = (logger, bindings, opts) =>
  new RequestLogger(logger, bindings, opts);
