import { B24Error, errorFromResponse, errorFromTransport, isB24Error } from './errors.js';
import { readBody, requestSignals } from './http.js';
import { redactSecrets } from './redact.js';
import { TokenResponseSchema } from './schemas.js';
import { transportProblem, type ParseResult, type WebhookCredential } from './webhook-url.js';

export type { WebhookCredential } from './webhook-url.js';

export const DEFAULT_TOKEN_URL = 'https://oauth.bitrix.info/oauth/token/';

/** An OAuth 2.0 app's connection: tokens expire hourly and are refreshed by this module. */
export interface OAuthCredential {
  readonly kind: 'oauth';
  /** `https://PORTAL/rest/`: method names are appended to it. */
  readonly clientEndpoint: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Default: oauth.bitrix.info. */
  readonly tokenUrl?: string;
}

export type Credential = WebhookCredential | OAuthCredential;

export interface OAuthTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
}

/** Checks an OAuth credential's URLs (https or loopback http, no user:pass@). */
export function validateOAuthCredential(credential: OAuthCredential): ParseResult<OAuthCredential> {
  for (const [label, text] of [
    ['client endpoint', credential.clientEndpoint],
    ['token URL', credential.tokenUrl ?? DEFAULT_TOKEN_URL],
  ] as const) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { ok: false, error: `The OAuth ${label} is not a valid web address.` };
    }
    const problem = transportProblem(url);
    if (problem !== null) return { ok: false, error: `OAuth ${label}: ${problem}` };
    if (url.search !== '' || url.hash !== '')
      return { ok: false, error: `The OAuth ${label} must not have "?" or "#" parts.` };
  }
  if (!credential.clientEndpoint.endsWith('/'))
    return { ok: false, error: 'The OAuth client endpoint must end with "/".' };
  for (const [label, value] of [
    ['access token', credential.accessToken],
    ['refresh token', credential.refreshToken],
    ['client id', credential.clientId],
    ['client secret', credential.clientSecret],
  ] as const) {
    if (value.trim() === '') return { ok: false, error: `The OAuth ${label} is empty.` };
  }
  return { ok: true, value: credential };
}

/** Everything secret in a credential, for redaction. */
export function credentialSecrets(credential: Credential): string[] {
  if (credential.kind === 'webhook') {
    const code = /\/rest\/\d+\/([^/]+)\//.exec(credential.endpoint)?.[1];
    return code ? [code] : [];
  }
  return [credential.accessToken, credential.refreshToken, credential.clientSecret];
}

export interface OAuthSessionOptions {
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly onTokens?: ((tokens: OAuthTokens) => void) | undefined;
  /** Called for every token request (success or not), for accounting. */
  readonly onRefreshRequest?:
    | ((event: {
        status: number | null;
        bytesReceived: number;
        durationMs: number;
        startedAt: number;
      }) => void)
    | undefined;
  readonly now?: () => number;
}

/**
 * Holds the current OAuth tokens and refreshes them. When several calls fail with
 * `expired_token` together, they share one refresh (single flight); a call that failed
 * with a token that has already been replaced just retries with the new one.
 */
export class OAuthSession {
  private tokens: OAuthTokens;
  private inflight: Promise<void> | null = null;
  /** Every token this session has held: all are secrets to redact. */
  private readonly history = new Set<string>();

  constructor(
    private readonly credential: OAuthCredential,
    private readonly options: OAuthSessionOptions,
  ) {
    this.tokens = { accessToken: credential.accessToken, refreshToken: credential.refreshToken };
    this.remember(this.tokens);
  }

  get accessToken(): string {
    return this.tokens.accessToken;
  }

  get secrets(): string[] {
    return [...this.history, this.credential.clientSecret];
  }

  /** Refreshes unless `staleAccessToken` was already replaced; concurrent callers share one request. */
  refresh(staleAccessToken: string): Promise<void> {
    if (this.tokens.accessToken !== staleAccessToken) return Promise.resolve();
    this.inflight ??= this.requestTokens().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async requestTokens(): Promise<void> {
    const url = new URL(this.credential.tokenUrl ?? DEFAULT_TOKEN_URL);
    url.searchParams.set('grant_type', 'refresh_token');
    url.searchParams.set('client_id', this.credential.clientId);
    url.searchParams.set('client_secret', this.credential.clientSecret);
    url.searchParams.set('refresh_token', this.tokens.refreshToken);
    const method = 'oauth.token';
    const now = this.options.now ?? Date.now;
    const startedAt = now();
    const { signal, timeout } = requestSignals(this.options.timeoutMs);
    let status: number | null = null;
    let text: string;
    let bytes = 0;
    try {
      const response = await this.options.fetch(url, {
        method: 'GET',
        redirect: 'manual',
        signal,
        headers: { accept: 'application/json' },
      });
      status = response.status;
      ({ text, bytes } = await readBody(response));
    } catch (error) {
      if (isB24Error(error)) throw error; // an oversized answer, already classified
      throw errorFromTransport(error, method, timeout.aborted, this.secrets);
    } finally {
      this.options.onRefreshRequest?.({
        status,
        bytesReceived: bytes,
        durationMs: now() - startedAt,
        startedAt,
      });
    }
    if (status < 200 || status >= 300)
      throw this.refreshFailed(errorFromResponse(status, text, method, this.secrets));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw errorFromResponse(status, text, method, this.secrets);
    }
    const parsed = TokenResponseSchema.safeParse(json);
    if (!parsed.success)
      throw this.refreshFailed(errorFromResponse(status, text, method, this.secrets));
    this.tokens = {
      accessToken: parsed.data.access_token,
      refreshToken: parsed.data.refresh_token,
    };
    this.remember(this.tokens);
    this.options.onTokens?.({ ...this.tokens });
  }

  /** A refresh that the token server refuses means the user must reconnect. */
  private refreshFailed(error: B24Error): B24Error {
    if (
      error.kind === 'auth-invalid' ||
      error.kind === 'bad-request' ||
      error.kind === 'access-denied' ||
      error.kind === 'auth-expired'
    ) {
      return new B24Error({
        kind: 'auth-invalid',
        code: error.code,
        message: redactSecrets(`Could not refresh the OAuth token: ${error.message}`, this.secrets),
        httpStatus: error.httpStatus,
        method: error.method,
      });
    }
    return error;
  }

  private remember(tokens: OAuthTokens): void {
    this.history.add(tokens.accessToken);
    this.history.add(tokens.refreshToken);
  }
}
