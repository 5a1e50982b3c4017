import { randomBytes } from 'node:crypto';

/**
 * Reddit's OAuth state: authorization codes (single use, ten minutes), grants (one per code or
 * client_credentials call) and their access and refresh tokens. Reusing a code revokes every
 * token issued from it; refreshing rotates the refresh token; revoking a refresh token revokes
 * its grant's access tokens (upstream-apis.md §3.3–3.6).
 */

export interface Grant {
  clientId: string;
  /** Null for application-only (client_credentials) grants. */
  user: string | null;
  scopes: readonly string[];
  refreshToken: string | null;
  revoked: boolean;
}

export interface AccessToken {
  token: string;
  grant: Grant;
  expiresAt: number;
  revoked: boolean;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  scope: string;
  refresh_token?: string;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  permanent: boolean;
  user: string;
  expiresAt: number;
  grant: Grant | null;
}

export interface CodeRequest {
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  permanent: boolean;
  user: string;
}

export interface OAuthStore {
  issueCode(request: CodeRequest): string;
  /** Exchanges a code; null for unknown, expired, reused (revoking its tokens) or mismatched. */
  redeemCode(code: string, clientId: string, redirectUri: string): TokenResponse | null;
  clientCredentials(clientId: string, scope: string | undefined): TokenResponse;
  /** A new access token and a new refresh token (the old one stops working); null if invalid. */
  refresh(refreshToken: string, clientId: string): TokenResponse | null;
  revoke(token: string): void;
  /** The live access token for a bearer value, or null (unknown, expired or revoked). */
  authenticate(token: string): AccessToken | null;
}

const CODE_LIFETIME_MS = 10 * 60 * 1000;
const JWT_HEADER = Buffer.from('{"alg":"RS256","kid":"SHA256:sandbox","typ":"JWT"}').toString(
  'base64url',
);

/** An in-memory store; tokens expire after `lifetimeSeconds` on the injected clock. */
export function createOAuthStore(now: () => Date, lifetimeSeconds: number): OAuthStore {
  const codes = new Map<string, AuthCode>();
  const usedCodes = new Map<string, Grant | null>();
  const tokens = new Map<string, AccessToken>();
  const refreshTokens = new Map<string, Grant>();

  function issue(grant: Grant, withRefresh: boolean): TokenResponse {
    const issuedAt = now().getTime();
    const payload = Buffer.from(
      JSON.stringify({
        sub: grant.user ?? 'loid',
        exp: Math.floor(issuedAt / 1000) + lifetimeSeconds,
        iat: Math.floor(issuedAt / 1000),
        jti: randomBytes(12).toString('base64url'),
        cid: grant.clientId,
        scp: grant.scopes.join(' '),
      }),
    ).toString('base64url');
    if (tokens.size > 10_000) prune(issuedAt);
    const token = `${JWT_HEADER}.${payload}.${randomBytes(96).toString('base64url')}`;
    tokens.set(token, {
      token,
      grant,
      expiresAt: issuedAt + lifetimeSeconds * 1000,
      revoked: false,
    });
    const response: TokenResponse = {
      access_token: token,
      token_type: 'bearer',
      expires_in: lifetimeSeconds,
      scope: grant.scopes.join(' '),
    };
    if (withRefresh) {
      if (grant.refreshToken !== null) refreshTokens.delete(grant.refreshToken);
      grant.refreshToken = `${String(Math.floor(issuedAt / 1000))}-${randomBytes(20).toString('base64url')}`;
      refreshTokens.set(grant.refreshToken, grant);
      response.refresh_token = grant.refreshToken;
    }
    return response;
  }

  // Long benchmark runs issue many tokens; forget the ones that can no longer be used.
  function prune(at: number): void {
    for (const [key, access] of tokens)
      if (access.expiresAt <= at || access.revoked) tokens.delete(key);
  }

  function revokeGrant(grant: Grant): void {
    grant.revoked = true;
    if (grant.refreshToken !== null) refreshTokens.delete(grant.refreshToken);
    for (const access of tokens.values()) if (access.grant === grant) access.revoked = true;
  }

  return {
    issueCode(request) {
      const code = randomBytes(22).toString('base64url');
      codes.set(code, { ...request, expiresAt: now().getTime() + CODE_LIFETIME_MS, grant: null });
      return code;
    },
    redeemCode(code, clientId, redirectUri) {
      if (usedCodes.has(code)) {
        const grant = usedCodes.get(code);
        if (grant !== undefined && grant !== null) revokeGrant(grant);
        return null;
      }
      const entry = codes.get(code);
      if (entry === undefined || entry.clientId !== clientId) return null;
      if (entry.expiresAt <= now().getTime() || entry.redirectUri !== redirectUri) return null;
      codes.delete(code);
      const grant: Grant = {
        clientId,
        user: entry.user,
        scopes: entry.scopes,
        refreshToken: null,
        revoked: false,
      };
      usedCodes.set(code, grant);
      return issue(grant, entry.permanent);
    },
    clientCredentials(clientId, scope) {
      const scopes =
        scope === undefined || scope.trim() === '' ? ['*'] : scope.split(/[\s,]+/).filter(Boolean);
      return issue({ clientId, user: null, scopes, refreshToken: null, revoked: false }, false);
    },
    refresh(refreshToken, clientId) {
      const grant = refreshTokens.get(refreshToken);
      if (grant === undefined || grant.revoked || grant.clientId !== clientId) return null;
      return issue(grant, true);
    },
    revoke(token) {
      const grant = refreshTokens.get(token);
      if (grant !== undefined) revokeGrant(grant);
      const access = tokens.get(token);
      if (access !== undefined) access.revoked = true;
    },
    authenticate(token) {
      const access = tokens.get(token);
      if (access === undefined || access.revoked || access.grant.revoked) return null;
      return access.expiresAt > now().getTime() ? access : null;
    },
  };
}
