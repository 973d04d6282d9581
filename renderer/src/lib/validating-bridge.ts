import {
  RequestErrorSchema,
  parseEvent,
  requestChannels,
  type EventChannel,
  type EventOf,
  type PresenceBridge,
  type RequestChannel,
  type RequestError,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '$shared/contract.js';
import { fastEvents, fastResponses, isRequestError } from './fast-checks.js';

/**
 * Wraps any bridge (the preload's, the WebSocket one, a test fake) so the panel only ever sees
 * values that passed the contract's schemas: a host bug or a hostile message becomes a
 * RequestError or a dropped event, never a half-shaped object in the UI.
 * The hot messages (the session, snapshots, patches) first meet an exact-shape check
 * (fast-checks.ts): a value that is already exactly what the schema returns skips zod; anything
 * else, valid with extra keys or invalid, is zod's to strip or refuse, as before.
 */
export type Report = (message: string) => void;

/** How many answers are timed as user-timing measures (start-up only). */
let startupMeasures = 16;

export function validatingBridge(raw: PresenceBridge, report: Report = (message) => console.warn(message)): PresenceBridge {
  return {
    async invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> {
      let answer: unknown;
      try {
        answer = await raw.invoke(channel, request);
      } catch (error) {
        return failure('bridge-failed', error instanceof Error ? error.message : String(error));
      }
      if (startupMeasures <= 0) return checkAnswer(channel, answer, report);
      // What checking costs at start-up (the 5,000-person snapshot), for the bench's split;
      // only the first answers, so a panel open for weeks keeps no growing list of entries.
      startupMeasures -= 1;
      const start = performance.now();
      const checked = checkAnswer(channel, answer, report);
      performance.measure(`panel:check ${channel}`, { start, end: performance.now() });
      return checked;
    },
    on<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void): () => void {
      const fast = fastEvents[channel];
      return raw.on(channel, (payload: unknown) => {
        if (fast?.(payload)) {
          listener(payload as EventOf<C>);
          return;
        }
        const parsed = parseEvent(channel, payload);
        if (parsed.ok) listener(parsed.value);
        else report(`Dropped an invalid '${channel}' event: ${parsed.error.message} at ${parsed.error.field ?? '(root)'}`);
      });
    },
  };
}

function failure(code: string, message: string): { ok: false; error: RequestError } {
  return { ok: false, error: { code, message, field: null } };
}

export function checkAnswer<C extends RequestChannel>(channel: C, answer: unknown, report: Report): Result<ResponseOf<C>> {
  if (typeof answer !== 'object' || answer === null || !('ok' in answer)) {
    report(`'${channel}' answered with something that is not a result`);
    return failure('invalid-response', 'The app answered in an unexpected way.');
  }
  if (answer.ok === true) {
    const value = (answer as { value?: unknown }).value;
    if (fastResponses[channel]?.(value)) return { ok: true, value: value as ResponseOf<C> };
    const parsed = requestChannels[channel].response.safeParse((answer as { value?: unknown }).value);
    if (parsed.success) return { ok: true, value: parsed.data as ResponseOf<C> };
    const issue = parsed.error.issues[0];
    report(`'${channel}' answered with an invalid value: ${issue?.message ?? ''} at ${issue?.path.join('.') ?? ''}`);
    return failure('invalid-response', 'The app answered in an unexpected way.');
  }
  const raw = (answer as { error?: unknown }).error;
  if (isRequestError(raw)) return { ok: false, error: raw as RequestError };
  const error = RequestErrorSchema.safeParse((answer as { error?: unknown }).error);
  return error.success ? { ok: false, error: error.data } : failure('invalid-response', 'The request failed.');
}
