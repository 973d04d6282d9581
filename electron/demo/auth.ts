import { randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * The demo portal's credentials: one inbound webhook of the owner, and one OAuth application
 * with rotating access/refresh tokens (access tokens live an hour of portal-clock time).
 * The secrets are random per run: nothing here may be derived from the public seed.
 */
export const ACCESS_TOKEN_TTL_MS = 3_600_000;

export type AuthFailure = {
  readonly status: number;
  readonly error: string;
  readonly description: string;
};

export type TokenAnswer =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly status: number; readonly body: Record<string, unknown> };

function secret(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class Credentials {
  readonly webhookCode = randomBytes(12)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')
    .slice(0, 16);
  readonly clientId = `local.${secret(7)}`;
  readonly clientSecret = secret(24);
  readonly memberId = secret(16);
  private webhookRevoked = false;
  /** Access token → expiry (portal-clock ms). Older tokens stay valid until they expire, as on Bitrix24. */
  private readonly accessTokens = new Map<string, number>();
  private currentAccess: string;
  private currentRefresh = secret(35);

  constructor(
    readonly ownerId: number,
    now: number,
    /** The scopes the app was granted, as the token answer lists them. */
    private readonly scopes: () => readonly string[] = () => ['im', 'user'],
  ) {
    this.currentAccess = this.issueAccess(now);
  }

  get accessToken(): string {
    return this.currentAccess;
  }

  get refreshToken(): string {
    return this.currentRefresh;
  }

  revokeWebhook(): void {
    this.webhookRevoked = true;
  }

  restoreWebhook(): void {
    this.webhookRevoked = false;
  }

  /** Every access token issued so far answers 401 expired_token until a refresh. */
  expireAccessTokens(now: number): void {
    for (const [token, expiry] of this.accessTokens)
      this.accessTokens.set(token, Math.min(expiry, now));
  }

  checkWebhook(userId: string, code: string): AuthFailure | null {
    if (
      this.webhookRevoked ||
      userId !== String(this.ownerId) ||
      !sameSecret(code, this.webhookCode)
    ) {
      return {
        status: 403,
        error: 'INVALID_CREDENTIALS',
        description: 'Invalid request credentials',
      };
    }
    return null;
  }

  checkAccessToken(token: string | null, now: number): AuthFailure | null {
    if (token === null || token.length === 0) {
      return { status: 401, error: 'NO_AUTH_FOUND', description: 'Wrong authorization data' };
    }
    let expiresAt: number | undefined;
    for (const [known, expiry] of this.accessTokens)
      if (sameSecret(token, known)) expiresAt = expiry;
    if (expiresAt === undefined) {
      return {
        status: 401,
        error: 'invalid_token',
        description: 'Unable to get application by token',
      };
    }
    if (now >= expiresAt) {
      return {
        status: 401,
        error: 'expired_token',
        description: 'The access token provided has expired.',
      };
    }
    return null;
  }

  /** The oauth.bitrix.info token endpoint, grant_type=refresh_token only. */
  refresh(params: Record<string, string>, now: number, origin: string): TokenAnswer {
    if (params.grant_type !== 'refresh_token') {
      return {
        ok: false,
        status: 400,
        body: {
          error: 'unsupported_grant_type',
          error_description: 'Only refresh_token is supported here',
        },
      };
    }
    if (
      !sameSecret(params.client_id ?? '', this.clientId) ||
      !sameSecret(params.client_secret ?? '', this.clientSecret)
    ) {
      return {
        ok: false,
        status: 401,
        body: { error: 'invalid_client', error_description: 'Invalid client credentials' },
      };
    }
    if (!sameSecret(params.refresh_token ?? '', this.currentRefresh)) {
      return {
        ok: false,
        status: 400,
        body: { error: 'invalid_grant', error_description: 'Invalid refresh token' },
      };
    }
    this.currentAccess = this.issueAccess(now);
    this.currentRefresh = secret(35); // refresh tokens rotate: the old one is spent
    const host = new URL(origin).host;
    return {
      ok: true,
      body: {
        access_token: this.currentAccess,
        expires: Math.floor((now + ACCESS_TOKEN_TTL_MS) / 1000),
        expires_in: ACCESS_TOKEN_TTL_MS / 1000,
        scope: [...this.scopes(), 'basic'].join(','),
        domain: host,
        server_endpoint: `${origin}/oauth/rest/`,
        status: 'L',
        client_endpoint: `${origin}/rest/`,
        member_id: this.memberId,
        user_id: this.ownerId,
        refresh_token: this.currentRefresh,
      },
    };
  }

  private issueAccess(now: number): string {
    // Long-dead tokens are forgotten, so they read as invalid rather than expired, and the map stays small.
    for (const [known, expiry] of this.accessTokens)
      if (expiry < now - ACCESS_TOKEN_TTL_MS) this.accessTokens.delete(known);
    const token = secret(35);
    this.accessTokens.set(token, now + ACCESS_TOKEN_TTL_MS);
    return token;
  }
}
