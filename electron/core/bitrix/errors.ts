import { redactSecrets } from './redact.js';
import { DISPLAY_NAME_MAX_GRAPHEMES, displayText } from '../../shared/display-text.js';
import { ErrorBodySchema, TimeSchema, type ErrorBody } from './schemas.js';
import { SECOND_MS } from '../../shared/time-units.js';

/*
 * Every way a Bitrix24 call can fail, as one error class with a `kind`; what each kind means
 * for retrying lives in backoff.ts (nextRetryDelay), the one place that decides. Messages
 * never contain the webhook code or tokens: construct them only from redacted text.
 */
export type B24ErrorKind =
  | 'rate-limited' // 503 QUERY_LIMIT_EXCEEDED
  | 'overloaded' // 503 OVERLOAD_LIMIT
  | 'operation-time-limited' // 429 OPERATION_TIME_LIMIT
  | 'auth-expired' // 401 expired_token (OAuth: refresh once)
  | 'auth-invalid' // 401 invalid_token / NO_AUTH_FOUND, 403 INVALID_CREDENTIALS: webhook revoked or wrong
  | 'scope-missing' // 403 insufficient_scope
  | 'access-denied' // 403 ACCESS_DENIED / ACCESS_ERROR / user_access_error
  | 'method-missing' // ERROR_METHOD_NOT_FOUND
  | 'bad-request' // 400 INVALID_FORMAT, ID_EMPTY, ERROR_BATCH_LENGTH_EXCEEDED, ...
  | 'server-error' // 5xx / INTERNAL_SERVER_ERROR
  | 'portal-moved' // 3xx redirect to another portal domain
  | 'network' // DNS, refused, reset, TLS
  | 'timeout' // no answer within the request timeout
  | 'malformed-response'; // not JSON, empty, or the wrong shape

export interface B24ErrorInit {
  readonly kind: B24ErrorKind;
  /** The portal's error code (e.g. QUERY_LIMIT_EXCEEDED) or a transport code (e.g. ECONNRESET). */
  readonly code: string;
  /** Redacted, human-readable. */
  readonly message: string;
  readonly httpStatus?: number | null;
  readonly method?: string | null;
  /** For operation-time-limited: epoch ms when the method's budget resets. */
  readonly resetAt?: number | null;
}

export class B24Error extends Error {
  override readonly name = 'B24Error';
  readonly kind: B24ErrorKind;
  readonly code: string;
  readonly httpStatus: number | null;
  readonly method: string | null;
  readonly resetAt: number | null;

  constructor(init: B24ErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.code = init.code;
    this.httpStatus = init.httpStatus ?? null;
    this.method = init.method ?? null;
    this.resetAt = init.resetAt ?? null;
  }
}

/** Minimum pause after 429 OPERATION_TIME_LIMIT when the portal gives no reset time. */
export const OPERATION_LIMIT_MIN_WAIT_MS = 10_000;

export function isB24Error(error: unknown): error is B24Error {
  return error instanceof B24Error;
}

// ---------------------------------------------------------------------------------------------
// Mapping answers and transport failures to B24Error. Every message goes through redactSecrets.

/** Portal (and OAuth server) error codes → kind, from the API notes' error table. */
const KIND_BY_CODE: Readonly<Record<string, B24ErrorKind>> = {
  QUERY_LIMIT_EXCEEDED: 'rate-limited',
  OVERLOAD_LIMIT: 'overloaded',
  OPERATION_TIME_LIMIT: 'operation-time-limited',
  expired_token: 'auth-expired',
  invalid_token: 'auth-invalid',
  NO_AUTH_FOUND: 'auth-invalid',
  INVALID_CREDENTIALS: 'auth-invalid',
  // OAuth token endpoint: the refresh token or the app's keys are no longer valid.
  invalid_grant: 'auth-invalid',
  invalid_client: 'auth-invalid',
  insufficient_scope: 'scope-missing',
  user_access_error: 'access-denied',
  ACCESS_DENIED: 'access-denied',
  ACCESS_ERROR: 'access-denied',
  ERROR_METHOD_NOT_FOUND: 'method-missing',
  INVALID_FORMAT: 'bad-request',
  ID_EMPTY: 'bad-request',
  USER_NOT_EXISTS: 'bad-request',
  ERROR_BATCH_LENGTH_EXCEEDED: 'bad-request',
  ERROR_BATCH_METHOD_NOT_ALLOWED: 'bad-request',
  INVALID_REQUEST: 'bad-request',
  INTERNAL_SERVER_ERROR: 'server-error',
  ERROR_UNEXPECTED_ANSWER: 'server-error',
};

/** When the code is unknown, the HTTP status decides. */
function kindByStatus(status: number | null): B24ErrorKind {
  if (status === null || (status >= 200 && status < 300)) return 'bad-request';
  if (status === 401) return 'auth-invalid';
  if (status === 403) return 'access-denied';
  if (status === 429) return 'rate-limited';
  if (status === 503) return 'overloaded';
  if (status >= 500) return 'server-error';
  if (status >= 300 && status < 400) return 'portal-moved';
  return 'bad-request';
}

const MAX_DESCRIPTION = 300;

/**
 * The only error codes a portal may name: they reach logs, terminals and the CLI's JSON, so a
 * code with escape sequences, spaces or markup is replaced, not cleaned into something else.
 */
const ERROR_CODE = /^[A-Za-z0-9_]{1,100}$/;
export const INVALID_ERROR_CODE = 'INVALID_ERROR_CODE';

/** The portal's code if it is a plain identifier, else INVALID_ERROR_CODE. */
export function portalErrorCode(code: string): string {
  return ERROR_CODE.test(code) ? code : INVALID_ERROR_CODE;
}

/** Redacted before the cut (so it cannot leave half a secret) and after (cleaning can join one). */
function cleanText(text: string, max: number, secrets: readonly string[]): string {
  return redactSecrets(displayText(redactSecrets(text, secrets), max), secrets);
}

function describe(method: string | null, text: string, secrets: readonly string[]): string {
  const short = cleanText(text, MAX_DESCRIPTION, secrets);
  return method ? `${cleanText(method, DISPLAY_NAME_MAX_GRAPHEMES, secrets)}: ${short}` : short;
}

/** `time.operating_reset_at` (Unix seconds) → epoch ms, when the portal sent one. */
export function resetAtFromTime(time: unknown): number | null {
  const parsed = TimeSchema.safeParse(time);
  const seconds = parsed.success ? parsed.data?.operating_reset_at : undefined;
  return seconds === undefined || !Number.isFinite(seconds) || seconds <= 0
    ? null
    : Math.round(seconds * SECOND_MS);
}

/** A parsed `{error, error_description}` (top level or one batch command) → B24Error. */
export function errorFromErrorBody(
  body: ErrorBody,
  options: {
    status?: number | null;
    method?: string | null;
    time?: unknown;
    secrets?: readonly string[];
  } = {},
): B24Error {
  const status = options.status ?? null;
  const method = options.method ?? null;
  const secrets = options.secrets ?? [];
  const code = portalErrorCode(redactSecrets(body.error, secrets));
  const kind = Object.hasOwn(KIND_BY_CODE, body.error)
    ? (KIND_BY_CODE[body.error] as B24ErrorKind)
    : kindByStatus(status);
  const detail = body.error_description ? `${code} (${body.error_description})` : code;
  return new B24Error({
    kind,
    code,
    message: describe(method, detail, secrets),
    httpStatus: status,
    method,
    resetAt: kind === 'operation-time-limited' ? resetAtFromTime(options.time) : null,
  });
}

/**
 * An HTTP answer that is not a usable success → B24Error: portal error bodies, HTML pages
 * from proxies, empty bodies and JSON of the wrong shape.
 */
export function errorFromResponse(
  status: number,
  bodyText: string,
  method: string,
  secrets: readonly string[] = [],
): B24Error {
  let json: unknown;
  let isJson = false;
  try {
    json = JSON.parse(bodyText);
    isJson = true;
  } catch {
    // handled below: not JSON
  }
  if (isJson) {
    const error = ErrorBodySchema.safeParse(json);
    if (error.success) {
      const time =
        json !== null && typeof json === 'object' ? (json as { time?: unknown }).time : undefined;
      return errorFromErrorBody(error.data, { status, method, time, secrets });
    }
  }
  const ok = status >= 200 && status < 300;
  const what =
    bodyText.trim() === ''
      ? 'an empty answer'
      : isJson
        ? 'an answer of an unexpected shape'
        : 'an answer that is not JSON';
  if (ok) {
    return new B24Error({
      kind: 'malformed-response',
      code: bodyText.trim() === '' ? 'EMPTY_BODY' : isJson ? 'WRONG_SHAPE' : 'NOT_JSON',
      message: describe(method, `the portal sent ${what}`, secrets),
      httpStatus: status,
      method,
    });
  }
  return new B24Error({
    kind: kindByStatus(status),
    code: `HTTP_${status}`,
    message: describe(method, `HTTP ${status} with ${what}`, secrets),
    httpStatus: status,
    method,
  });
}

/** A 3xx answer: Bitrix24 redirects when a portal moved to another domain. */
export function portalMovedError(
  status: number,
  location: string | null,
  requestUrl: string,
  method: string,
): B24Error {
  let target: string | null = null;
  if (location) {
    try {
      // Only the host: the path of a redirected webhook URL repeats the code.
      target = new URL(location, requestUrl).host;
    } catch {
      target = null;
    }
  }
  return new B24Error({
    kind: 'portal-moved',
    code: `HTTP_${status}`,
    message: describe(
      method,
      target
        ? `the portal redirects to ${target}: it may have moved, reconnect with its new address`
        : 'the portal answered with a redirect',
      [],
    ),
    httpStatus: status,
    method,
  });
}

/** fetch rejected: DNS, refused, reset, TLS, or our own timeout. The caller handles its own aborts. */
export function errorFromTransport(
  error: unknown,
  method: string,
  timedOut: boolean,
  secrets: readonly string[] = [],
): B24Error {
  if (timedOut || (error instanceof Error && error.name === 'TimeoutError')) {
    return new B24Error({
      kind: 'timeout',
      code: 'TIMEOUT',
      message: describe(method, 'the portal did not answer in time', secrets),
      method,
    });
  }
  const code = transportCode(error);
  const text = error instanceof Error ? (causeMessage(error) ?? error.message) : String(error);
  return new B24Error({
    kind: 'network',
    code,
    message: describe(method, TRANSPORT_WORDS[code] ?? `network error ${code}: ${text}`, secrets),
    method,
  });
}

/**
 * Transport failures said in words: a closed port is no network trouble (the network carried
 * the refusal), and a host that does not resolve is usually a typo in the address.
 */
const TRANSPORT_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the portal refused the connection: nothing listens at that address and port',
  ENOTFOUND: 'no such host: check the portal address',
  EAI_AGAIN: 'the portal address could not be looked up (DNS): check the network',
};

/** The panel's error codes for transport failures it words apart from "the network". */
export const TRANSPORT_REQUEST_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'host-not-found',
};

function transportCode(error: unknown): string {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]{2,60}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return 'NETWORK_ERROR';
}

function causeMessage(error: Error): string | null {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : null;
}
