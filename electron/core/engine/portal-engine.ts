import { B24Client } from '../bitrix/client.js';
import type { Credential } from '../bitrix/credential.js';
import { PresenceEngine, type EngineOptions } from './engine.js';
import { createBitrixSource } from './presence-source.js';

/** The engine's own options, with the credential its client uses instead of a source. */
export interface PortalEngineOptions extends Omit<EngineOptions, 'source'> {
  readonly credential: Credential;
  /** Per request; the client's default unless given. */
  readonly timeoutMs?: number;
}

export interface PortalEngine {
  /** Not started yet: subscribe first, then `engine.start()`. */
  readonly engine: PresenceEngine;
  /** The engine's client, for the host's own one-off requests on the same rate limit. */
  readonly client: B24Client;
}

/**
 * The one way a host builds the presence engine for a portal: the app's connection (desktop and
 * browser mode) and the CLI's `watch` and `status` all come here, so they differ only in what
 * they pass (settings and alert ledger ports, language, listener errors, the CLI's timeout).
 */
export function createPortalEngine({
  credential,
  timeoutMs,
  ...engineOptions
}: PortalEngineOptions): PortalEngine {
  const client = new B24Client({
    credential,
    clock: engineOptions.clock,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  return {
    engine: new PresenceEngine({ ...engineOptions, source: createBitrixSource(client) }),
    client,
  };
}
