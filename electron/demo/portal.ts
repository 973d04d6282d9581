import { randomBytes } from 'node:crypto';
import { listenOnLoopback } from './loopback.js';
import { shiftToWorkingMorning } from './portal-time.js';
import { systemClock } from '../core/clock.js';
import { ControlHttp } from './control-http.js';
import { PortalState } from './control.js';
import { createDemoServer } from './http-server.js';
import { DEFAULT_RATE_LIMIT } from './rate-limit.js';
import type { DemoOAuthCredentials, DemoPortal, DemoPortalOptions } from './types.js';

/*
 * Starts the demo portal: a simulated Bitrix24 on 127.0.0.1 speaking the real REST shapes.
 * See README.md in this folder for what it serves and how to steer it.
 */
export const DEFAULT_TEAM_SIZE = 40;
export const DEFAULT_SEED = 24;

export async function startDemoPortal(options: DemoPortalOptions = {}): Promise<DemoPortal> {
  const clock = options.clock ?? systemClock;
  const shift = options.officeHoursNow ? shiftToWorkingMorning(clock.now()) : 0;
  const state = new PortalState(
    clock,
    options.seed ?? DEFAULT_SEED,
    options.teamSize ?? DEFAULT_TEAM_SIZE,
    options.evolve ?? true,
    shift,
    {
      legacy: options.legacy ?? false,
      ...(options.dateFormat !== undefined ? { dateFormat: options.dateFormat } : {}),
      ...(options.scopes !== undefined ? { scopes: options.scopes } : {}),
    },
  );
  let origin = '';
  const controlToken = options.controlApi === true ? randomBytes(24).toString('base64url') : null;
  const { server, hanging } = createDemoServer(
    state,
    new ControlHttp(state, controlToken),
    options.rateLimit ?? DEFAULT_RATE_LIMIT,
    () => origin,
  );

  origin = await listenOnLoopback(server, options.port);
  state.team.setOrigin(origin);

  const credentials = state.credentials;
  const oauth: DemoOAuthCredentials = {
    clientEndpoint: `${origin}/rest/`,
    tokenUrl: `${origin}/oauth/token/`,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    // Getters: after a refresh these are the tokens currently valid.
    get accessToken() {
      return credentials.accessToken;
    },
    get refreshToken() {
      return credentials.refreshToken;
    },
  };

  let closing: Promise<void> | null = null;
  return {
    origin,
    webhookUrl: `${origin}/rest/${state.ownerId}/${credentials.webhookCode}/`,
    oauth,
    control: state,
    controlToken,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive and hanging sockets would hold close() open: end them now.
        for (const socket of hanging) socket.destroy();
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
