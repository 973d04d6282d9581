import { z } from 'zod';
import { REQUEST_CHANNELS, EVENT_CHANNELS, RequestErrorSchema } from './contract.js';

/*
 * Browser mode carries the same contract over one WebSocket: the panel sends `invoke`, the
 * server answers `result` with the same id, and pushes `event`s. Payloads inside are then
 * validated against the contract's own schemas on each side.
 */
export const WS_PATH = '/bridge';
/** Where a page trades its one-time token for a session cookie (POST) or asks whether its session is known (GET: 204 or 401). */
export const SESSION_PATH = '/session';

export const ClientMessageSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.enum(REQUEST_CHANNELS as [string, ...string[]]),
  request: z.unknown(),
});
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export const ServerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('result'),
    id: z.number().int().nonnegative(),
    result: z.union([
      z.object({ ok: z.literal(true), value: z.unknown() }),
      z.object({ ok: z.literal(false), error: RequestErrorSchema }),
    ]),
  }),
  z.object({
    type: z.literal('event'),
    channel: z.enum(EVENT_CHANNELS as [string, ...string[]]),
    payload: z.unknown(),
  }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;

/** Largest message either side accepts (a 5,000-person snapshot is ~2 MB). */
export const WS_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
