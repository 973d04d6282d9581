import { describe, expect, it } from 'vitest';
import { B24Error } from '../../../../../electron/core/bitrix/errors.js';
import {
  MAX_BODY_BYTES,
  readBody,
  requestSignals,
  utf8Length,
} from '../../../../../electron/core/bitrix/http.js';

/** A response whose body arrives in the given chunks, recording whether it was cancelled. */
function streamed(chunks: readonly string[], status = 200) {
  const state = { cancelled: false, pulled: 0 };
  const encoder = new TextEncoder();
  let index = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled++;
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(encoder.encode(chunk));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { response: new Response(body, { status }), state };
}

describe('readBody', () => {
  it('reads the whole body as UTF-8 and counts its bytes', async () => {
    const { response } = streamed(['{"name":"Ан', 'на"}']);
    expect(await readBody(response)).toEqual({ text: '{"name":"Анна"}', bytes: 19 });
  });

  it('a body without a stream is empty', async () => {
    expect(await readBody(new Response(null, { status: 204 }))).toEqual({ text: '', bytes: 0 });
  });

  it('stops reading past the limit, cancels the stream and says the answer was too large', async () => {
    const { response, state } = streamed(['x'.repeat(60), 'x'.repeat(60), 'x'.repeat(60)], 200);
    const error = await readBody(response, 100).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(B24Error);
    expect(error).toMatchObject({ kind: 'malformed-response', code: 'TOO_LARGE', httpStatus: 200 });
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(4);
  });

  it('a body exactly at the limit is read', async () => {
    const { response } = streamed(['x'.repeat(50), 'x'.repeat(50)]);
    expect((await readBody(response, 100)).bytes).toBe(100);
  });

  it('says the default limit in megabytes', async () => {
    const { response } = streamed(['x'.repeat(1024 * 1024)]);
    const error = await readBody(response, 1024 * 1024 - 1).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe('the portal sent an answer larger than 1 MB');
    expect(MAX_BODY_BYTES).toBe(16 * 1024 * 1024);
  });
});

describe('utf8Length', () => {
  it('counts bytes as sent', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('Жук')).toBe(6);
    expect(utf8Length('😀')).toBe(4);
  });
});

describe('requestSignals', () => {
  it('without a caller, the signal is the timeout', () => {
    const { signal, timeout } = requestSignals(60_000);
    expect(signal).toBe(timeout);
    expect(signal.aborted).toBe(false);
  });

  it("the caller's abort aborts the request but is not the timeout", () => {
    const caller = new AbortController();
    const { signal, timeout } = requestSignals(60_000, caller.signal);
    caller.abort(new Error('quit'));
    expect(signal.aborted).toBe(true);
    expect(timeout.aborted).toBe(false);
  });

  it('the timeout aborts the request and says so', async () => {
    const caller = new AbortController();
    const { signal, timeout } = requestSignals(1, caller.signal);
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
    expect(timeout.aborted).toBe(true);
    expect((signal.reason as Error).name).toBe('TimeoutError');
  });
});
