/** Small helpers shared by the REST client and the OAuth token refresh. */
import { B24Error } from './errors.js';

/**
 * Largest answer read. A full batch (50 pages of 50 people) is about 1.8 MB; a proxy or a
 * broken portal streaming without end must not fill the memory of an app that runs for weeks.
 */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Reads a body as text and counts its bytes as they came over the wire (after decompression).
 * Stops reading, and answers malformed-response, past `maxBytes`.
 */
export async function readBody(
  response: Response,
  maxBytes: number = MAX_BODY_BYTES,
): Promise<{ text: string; bytes: number }> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new B24Error({
          kind: 'malformed-response',
          code: 'TOO_LARGE',
          message: `the portal sent an answer larger than ${Math.round(maxBytes / 1048576)} MB`,
          httpStatus: response.status,
        });
      }
      chunks.push(value);
    }
  }
  return { text: Buffer.concat(chunks).toString('utf8'), bytes };
}

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Our timeout joined with the caller's signal; `timeout.aborted` tells which one fired. */
export function requestSignals(
  timeoutMs: number,
  caller?: AbortSignal,
): { signal: AbortSignal; timeout: AbortSignal } {
  const timeout = AbortSignal.timeout(timeoutMs);
  return { signal: caller ? AbortSignal.any([caller, timeout]) : timeout, timeout };
}
