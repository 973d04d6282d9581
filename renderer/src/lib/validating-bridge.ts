import type {
  EventChannel,
  EventOf,
  PresenceBridge,
  RequestChannel,
  RequestError,
  RequestOf,
  ResponseOf,
  Result,
} from '$shared/contract.js';
import { fastEvents, fastResponses, isRequestError } from './fast-checks.js';
import type * as ZodContractModule from './zod-contract.js';

/*
 * Wraps any bridge (the preload's, the WebSocket one, a test fake) so the panel only ever sees
 * values that passed the contract's schemas: a host bug or a hostile message becomes a
 * RequestError or a dropped event, never a half-shaped object in the UI.
 *
 * Two steps, one answer. The exact-shape checks of fast-checks.ts come first: a value that is
 * already exactly what the schema returns (the session, snapshots, patches, every event) is
 * passed on as it is, in a few ms for 5,000 people where zod takes ~90. Anything else, an
 * invalid value or a valid one with extra keys, is zod's to refuse or strip, as before; zod
 * and the schemas are a chunk of their own (zod-contract.ts), loaded on that first need or
 * when the panel is idle after its first paint (preloadContract), so start-up does not
 * evaluate them. Events keep their order: once one waits for zod, the ones after it wait too.
 */
export type Report = (message: string) => void;

type ZodContract = typeof ZodContractModule;
let contract: Promise<ZodContract> | null = null;

/** zod and the contract's schemas (one load, shared by every bridge). */
export function loadContract(): Promise<ZodContract> {
  return (contract ??= import('./zod-contract.js'));
}

/** Loads zod when the page has nothing better to do, so a later fallback does not wait. */
export function preloadContract(): void {
  const idle = window.requestIdleCallback ?? ((callback: () => void) => setTimeout(callback, 200));
  idle(() => void loadContract());
}

/** How many answers are timed as user-timing measures (start-up only). */
let startupMeasures = 16;

export function validatingBridge(
  raw: PresenceBridge,
  report: Report = (message) => console.warn(message),
): PresenceBridge {
  /** The events still waiting for zod, in arrival order; null when none is. */
  let queue: Promise<void> | null = null;
  return {
    async invoke<C extends RequestChannel>(
      channel: C,
      request: RequestOf<C>,
    ): Promise<Result<ResponseOf<C>>> {
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
      const checked = await checkAnswer(channel, answer, report);
      performance.measure(`panel:check ${channel}`, { start, end: performance.now() });
      return checked;
    },
    on<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void): () => void {
      const fast = fastEvents[channel];
      let subscribed = true;
      const slow = async (payload: unknown): Promise<void> => {
        if (fast?.(payload)) {
          if (subscribed) listener(payload as EventOf<C>);
          return;
        }
        const { parseEvent } = await loadContract();
        const parsed = parseEvent(channel, payload);
        if (!subscribed) return;
        if (parsed.ok) listener(parsed.value);
        else
          report(
            `Dropped an invalid '${channel}' event: ${parsed.error.message} at ${parsed.error.field ?? '(root)'}`,
          );
      };
      const unsubscribe = raw.on(channel, (payload: unknown) => {
        if (queue === null && fast?.(payload)) {
          listener(payload as EventOf<C>);
          return;
        }
        const next = (queue ?? Promise.resolve())
          .then(() => slow(payload))
          .catch((error: unknown) => report(`'${channel}' event: ${String(error)}`));
        queue = next;
        void next.then(() => {
          if (queue === next) queue = null;
        });
      });
      return () => {
        subscribed = false;
        unsubscribe();
      };
    },
  };
}

function failure(code: string, message: string): { ok: false; error: RequestError } {
  return { ok: false, error: { code, message, field: null } };
}

/** An answer's exact-shape check, or zod's verdict when that check cannot vouch for it. */
export function checkAnswer<C extends RequestChannel>(
  channel: C,
  answer: unknown,
  report: Report,
): Result<ResponseOf<C>> | Promise<Result<ResponseOf<C>>> {
  if (typeof answer !== 'object' || answer === null || !('ok' in answer)) {
    report(`'${channel}' answered with something that is not a result`);
    return failure('invalid-response', 'The app answered in an unexpected way.');
  }
  if (answer.ok === true) {
    const value = (answer as { value?: unknown }).value;
    if (fastResponses[channel]?.(value)) return { ok: true, value: value as ResponseOf<C> };
  } else if (isRequestError((answer as { error?: unknown }).error)) {
    return { ok: false, error: (answer as unknown as { error: RequestError }).error };
  }
  return checkWithZod(channel, answer, report);
}

async function checkWithZod<C extends RequestChannel>(
  channel: C,
  answer: { ok: unknown },
  report: Report,
): Promise<Result<ResponseOf<C>>> {
  const { RequestErrorSchema, requestChannels } = await loadContract();
  if (answer.ok === true) {
    const parsed = requestChannels[channel].response.safeParse(
      (answer as { value?: unknown }).value,
    );
    if (parsed.success) return { ok: true, value: parsed.data as ResponseOf<C> };
    const issue = parsed.error.issues[0];
    report(
      `'${channel}' answered with an invalid value: ${issue?.message ?? ''} at ${issue?.path.join('.') ?? ''}`,
    );
    return failure('invalid-response', 'The app answered in an unexpected way.');
  }
  const error = RequestErrorSchema.safeParse((answer as { error?: unknown }).error);
  return error.success
    ? { ok: false, error: error.data }
    : failure('invalid-response', 'The request failed.');
}
