/**
 * Every way a Bitrix24 call can fail, as one error class with a `kind` and the retry advice
 * that kind implies (from the API notes). Messages never contain the webhook code or tokens:
 * construct them only from redacted text.
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

export type RetryAdvice =
  /** Retry later; `afterMs` is the minimum wait the portal asked for (or null: use back-off). */
  | { readonly retry: 'later'; readonly afterMs: number | null }
  /** Refresh the OAuth token once, then retry at once. */
  | { readonly retry: 'refresh-auth' }
  /** Retrying cannot help until the user changes something (credential, scope, plan). */
  | { readonly retry: 'never' };

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

  /** What to do about this error at time `now` (epoch ms, from the caller's clock). */
  adviceAt(now: number): RetryAdvice {
    return retryAdviceFor(this.kind, this.resetAt, now);
  }
}

/** Minimum pause after 429 OPERATION_TIME_LIMIT when the portal gives no reset time. */
export const OPERATION_LIMIT_MIN_WAIT_MS = 10_000;

export function retryAdviceFor(kind: B24ErrorKind, resetAt: number | null, now: number): RetryAdvice {
  switch (kind) {
    case 'operation-time-limited':
      return {
        retry: 'later',
        afterMs: Math.max(OPERATION_LIMIT_MIN_WAIT_MS, resetAt === null ? 0 : resetAt - now),
      };
    case 'rate-limited':
    case 'overloaded':
    case 'server-error':
    case 'network':
    case 'timeout':
    case 'malformed-response':
      return { retry: 'later', afterMs: null };
    case 'auth-expired':
      return { retry: 'refresh-auth' };
    case 'auth-invalid':
    case 'scope-missing':
    case 'access-denied':
    case 'method-missing':
    case 'bad-request':
    case 'portal-moved':
      return { retry: 'never' };
  }
}

export function isB24Error(error: unknown): error is B24Error {
  return error instanceof B24Error;
}
