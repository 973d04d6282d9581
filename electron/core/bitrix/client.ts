// Over 300 lines on purpose: the request path (queue, pacing, auth, HTTP, body limits, parsing,
// typed errors) is one class, so that no call can skip a step of it.
import { systemClock, type Clock } from '../clock.js';
import {
  credentialSecrets,
  OAuthSession,
  validateOAuthCredential,
  type Credential,
  type OAuthTokens,
} from './credential.js';
import {
  B24Error,
  errorFromErrorBody,
  errorFromResponse,
  errorFromTransport,
  isB24Error,
  portalMovedError,
} from './errors.js';
import { readBody, requestSignals, utf8Length } from './http.js';
import { LeakyBucket, SerialQueue, type RateLimit } from './rate-limiter.js';
import { BatchBodySchema, SuccessEnvelopeSchema } from './schemas.js';
import { MINUTE_MS } from '../../shared/time-units.js';

/*
 * The Bitrix24 REST client: one attempt per call (plus one retry after an OAuth refresh),
 * requests serialized and paced by a leaky bucket, every failure a redacted B24Error.
 * Retrying with back-off is the poller's job (see backoff.ts).
 */

export interface CallResult {
  readonly result: unknown;
  readonly total: number | null;
  readonly next: number | null;
  readonly time: unknown;
}

export interface BatchCommand {
  readonly method: string;
  readonly params?: Record<string, unknown>;
}

export interface BatchResult {
  readonly results: Map<string, unknown>;
  readonly errors: Map<string, B24Error>;
  readonly totals: Map<string, number>;
  readonly nexts: Map<string, number>;
}

/** One HTTP request, as reported to `onRequest`. Carries no secret. */
export interface RequestEvent {
  /** Top-level method (`batch` for batches, `oauth.token` for refreshes). */
  readonly method: string;
  /** Commands carried: 1, or the batch size. */
  readonly commands: number;
  /** HTTP status, or null when no answer arrived. */
  readonly status: number | null;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly durationMs: number;
}

export interface B24ClientOptions {
  readonly credential: Credential;
  readonly fetch?: typeof fetch;
  readonly clock?: Clock;
  /** Per request; default 30 s, at most 60 s (Bitrix24's own limit). */
  readonly timeoutMs?: number;
  readonly rateLimit?: RateLimit;
  readonly onRequest?: (event: RequestEvent) => void;
  readonly onTokens?: (tokens: OAuthTokens) => void;
}

export const MAX_BATCH_COMMANDS = 50;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_TIMEOUT_MS = MINUTE_MS;

const METHOD_NAME = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$/;
const BATCH_KEY = /^[A-Za-z0-9_.:-]{1,64}$/;

export class B24Client {
  private readonly credential: Credential;
  private readonly fetchImpl: typeof fetch;
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly limiter: LeakyBucket;
  private readonly queue = new SerialQueue();
  private readonly oauth: OAuthSession | null;
  private readonly onRequest: ((event: RequestEvent) => void) | undefined;
  private readonly baseUrl: string;
  private readonly origin: URL;
  private sent = 0;

  constructor(options: B24ClientOptions) {
    const credential = options.credential;
    this.credential = credential;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.clock = options.clock ?? systemClock;
    this.timeoutMs = Math.min(
      MAX_TIMEOUT_MS,
      Math.max(1, Math.floor(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)),
    );
    this.limiter = new LeakyBucket(this.clock, options.rateLimit);
    this.onRequest = options.onRequest;
    if (credential.kind === 'oauth') {
      const valid = validateOAuthCredential(credential);
      if (!valid.ok) throw invalidCredential(valid.error);
      this.baseUrl = credential.clientEndpoint;
      this.oauth = new OAuthSession(credential, {
        fetch: this.fetchImpl,
        timeoutMs: this.timeoutMs,
        onTokens: options.onTokens,
        now: () => this.clock.now(),
        onRefreshRequest: (event) => {
          this.sent += 1;
          this.emit({
            method: 'oauth.token',
            commands: 1,
            status: event.status,
            bytesSent: 0,
            bytesReceived: event.bytesReceived,
            durationMs: event.durationMs,
          });
        },
      });
    } else {
      if (!credential.endpoint.endsWith('/'))
        throw invalidCredential('The webhook endpoint must end with "/".');
      this.baseUrl = credential.endpoint;
      this.oauth = null;
    }
    try {
      this.origin = new URL(this.baseUrl);
    } catch {
      throw invalidCredential('The portal address is not a valid web address.');
    }
  }

  get portalOrigin(): string {
    return this.origin.origin;
  }

  get portalHost(): string {
    return this.origin.host;
  }

  /** HTTP requests made so far (portal requests and token refreshes, failed ones included). */
  get requestsSent(): number {
    return this.sent;
  }

  call(
    method: string,
    params: Record<string, unknown> = {},
    opts: { signal?: AbortSignal } = {},
  ): Promise<CallResult> {
    checkMethod(method);
    return this.queue.run(() => this.callWithAuth(method, params, 1, opts.signal));
  }

  /**
   * Up to 50 commands in one request. Command errors come back in `errors`, not as a throw;
   * a failure of the batch request itself throws.
   */
  async batch(
    commands: Record<string, BatchCommand>,
    opts: { halt?: boolean; signal?: AbortSignal } = {},
  ): Promise<BatchResult> {
    const keys = Object.keys(commands);
    const out: BatchResult = {
      results: new Map(),
      errors: new Map(),
      totals: new Map(),
      nexts: new Map(),
    };
    if (keys.length === 0) return out;
    if (keys.length > MAX_BATCH_COMMANDS) {
      throw new B24Error({
        kind: 'bad-request',
        code: 'ERROR_BATCH_LENGTH_EXCEEDED',
        message: `batch: ${keys.length} commands, at most ${MAX_BATCH_COMMANDS} fit in one batch`,
        method: 'batch',
      });
    }
    const cmd: Record<string, string> = {};
    for (const key of keys) {
      const command = commands[key] as BatchCommand;
      if (!BATCH_KEY.test(key))
        throw badRequest('batch', 'a batch command key may only use letters, digits and _ . : -');
      checkMethod(command.method);
      if (command.method.toLowerCase() === 'batch')
        throw badRequest('batch', 'a batch cannot contain a batch');
      const query = buildQuery(command.params ?? {});
      cmd[key] = query === '' ? command.method : `${command.method}?${query}`;
    }
    const answer = await this.queue.run(() =>
      this.callWithAuth('batch', { halt: opts.halt ? 1 : 0, cmd }, keys.length, opts.signal),
    );
    const parsed = BatchBodySchema.safeParse(answer.result);
    if (!parsed.success) {
      throw new B24Error({
        kind: 'malformed-response',
        code: 'WRONG_SHAPE',
        message: 'batch: the portal sent a batch answer of an unexpected shape',
        method: 'batch',
        httpStatus: 200,
      });
    }
    const body = parsed.data;
    const secrets = this.secrets();
    for (const key of keys) {
      const method = (commands[key] as BatchCommand).method;
      if (Object.hasOwn(body.result_error, key)) {
        const error = body.result_error[key];
        if (error)
          out.errors.set(
            key,
            errorFromErrorBody(error, { method, time: body.result_time[key], secrets }),
          );
      } else if (Object.hasOwn(body.result, key)) {
        out.results.set(key, body.result[key]);
        const total = body.result_total[key];
        const next = body.result_next[key];
        if (total !== undefined) out.totals.set(key, total);
        if (next !== undefined) out.nexts.set(key, next);
      } else {
        // Skipped after an earlier command failed (halt), or dropped by the portal.
        out.errors.set(
          key,
          new B24Error({
            kind: 'server-error',
            code: 'NOT_EXECUTED',
            message: `${method}: the portal did not run this batch command`,
            method,
          }),
        );
      }
    }
    return out;
  }

  private secrets(): string[] {
    return this.oauth ? this.oauth.secrets : credentialSecrets(this.credential);
  }

  private async callWithAuth(
    method: string,
    params: Record<string, unknown>,
    commands: number,
    signal?: AbortSignal,
  ): Promise<CallResult> {
    const token = this.oauth?.accessToken ?? null;
    try {
      return await this.attempt(method, params, commands, signal);
    } catch (error) {
      if (!isB24Error(error) || error.kind !== 'auth-expired') throw error;
      // Webhooks do not expire: a portal saying so means the credential is unusable.
      if (!this.oauth || token === null)
        throw stillExpired(error, 'the portal reports an expired token for a webhook');
      await this.oauth.refresh(token);
    }
    try {
      return await this.attempt(method, params, commands, signal);
    } catch (error) {
      if (isB24Error(error) && error.kind === 'auth-expired')
        throw stillExpired(error, 'the access token is still expired after a refresh');
      throw error;
    }
  }

  /** Exactly one HTTP request. */
  private async attempt(
    method: string,
    params: Record<string, unknown>,
    commands: number,
    callerSignal?: AbortSignal,
  ): Promise<CallResult> {
    callerSignal?.throwIfAborted();
    await this.limiter.acquire(callerSignal);
    const payload = this.oauth ? { ...params, auth: this.oauth.accessToken } : params;
    const body = JSON.stringify(payload);
    const bytesSent = utf8Length(body);
    const url = `${this.baseUrl}${method}.json`;
    const secrets = this.secrets();
    const startedAt = this.clock.now();
    let status: number | null = null;
    let bytesReceived = 0;
    this.sent += 1;
    try {
      const { signal, timeout } = requestSignals(this.timeoutMs, callerSignal);
      let text: string;
      try {
        const response = await this.fetchImpl(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body,
          redirect: 'manual',
          signal,
        });
        status = response.status;
        if (status >= 300 && status < 400) {
          await response.body?.cancel().catch(() => undefined);
          throw portalMovedError(status, response.headers.get('location'), url, method);
        }
        ({ text, bytes: bytesReceived } = await readBody(response));
      } catch (error) {
        if (isB24Error(error)) throw error;
        if (callerSignal?.aborted) throw callerSignal.reason;
        throw errorFromTransport(error, method, timeout.aborted, secrets);
      }
      return interpret(status, text, method, secrets);
    } finally {
      this.emit({
        method,
        commands,
        status,
        bytesSent,
        bytesReceived,
        durationMs: Math.max(0, this.clock.now() - startedAt),
      });
    }
  }

  private emit(event: RequestEvent): void {
    try {
      this.onRequest?.(event);
    } catch {
      // An accounting hook must never break a request.
    }
  }
}

function interpret(
  status: number,
  text: string,
  method: string,
  secrets: readonly string[],
): CallResult {
  if (status < 200 || status >= 300) throw errorFromResponse(status, text, method, secrets);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw errorFromResponse(status, text, method, secrets);
  }
  // Some portals answer errors with HTTP 200; a stray `"error": null` next to a result is not one.
  if (
    json !== null &&
    typeof json === 'object' &&
    typeof (json as { error?: unknown }).error === 'string'
  ) {
    throw errorFromResponse(status, text, method, secrets);
  }
  const envelope = SuccessEnvelopeSchema.safeParse(json);
  if (!envelope.success) throw errorFromResponse(status, text, method, secrets);
  return {
    result: envelope.data.result,
    total: envelope.data.total ?? null,
    next: envelope.data.next ?? null,
    time: envelope.data.time,
  };
}

/**
 * Encodes params the way PHP's http_build_query does (which Bitrix24 parses back with
 * parse_str): arrays as `ID[0]=4&ID[1]=5`, nested objects as `F[NAME]=x`, booleans as 1/0,
 * null and undefined left out.
 */
export function buildQuery(params: Record<string, unknown>): string {
  const parts: string[] = [];
  const add = (key: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => add(`${key}[${index}]`, item));
    } else if (typeof value === 'object') {
      for (const [name, item] of Object.entries(value)) add(`${key}[${name}]`, item);
    } else if (typeof value === 'boolean') {
      parts.push(`${encodeKey(key)}=${value ? 1 : 0}`);
    } else {
      parts.push(`${encodeKey(key)}=${encodeURIComponent(String(value))}`);
    }
  };
  for (const [key, value] of Object.entries(params)) add(key, value);
  return parts.join('&');
}

/** Brackets stay readable (parse_str accepts them raw); everything else is percent-encoded. */
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%5B/gi, '[').replace(/%5D/gi, ']');
}

function checkMethod(method: string): void {
  // The method becomes part of the URL path and the batch command: no slashes, no queries.
  // The invalid name is not quoted: it may have been built from the webhook URL itself.
  if (!METHOD_NAME.test(method) || method.length > 100)
    throw badRequest('request', 'not a valid REST method name');
}

function badRequest(method: string, message: string): B24Error {
  return new B24Error({
    kind: 'bad-request',
    code: 'INVALID_REQUEST',
    message: `${method}: ${message}`,
    method,
  });
}

function invalidCredential(message: string): B24Error {
  return new B24Error({ kind: 'auth-invalid', code: 'INVALID_CREDENTIAL', message });
}

function stillExpired(error: B24Error, why: string): B24Error {
  return new B24Error({
    kind: 'auth-invalid',
    code: error.code,
    message: `${error.method ?? 'request'}: ${why}; reconnect to the portal`,
    httpStatus: error.httpStatus,
    method: error.method,
  });
}
