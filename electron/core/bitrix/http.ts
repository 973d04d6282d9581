/** Small helpers shared by the REST client and the OAuth token refresh. */

const decoder = new TextDecoder();

/** Reads a body as text and counts its bytes as they came over the wire (after decompression). */
export async function readBody(response: Response): Promise<{ text: string; bytes: number }> {
  const buffer = await response.arrayBuffer();
  return { text: decoder.decode(buffer), bytes: buffer.byteLength };
}

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Our timeout joined with the caller's signal; `timeout.aborted` tells which one fired. */
export function requestSignals(timeoutMs: number, caller?: AbortSignal): { signal: AbortSignal; timeout: AbortSignal } {
  const timeout = AbortSignal.timeout(timeoutMs);
  return { signal: caller ? AbortSignal.any([caller, timeout]) : timeout, timeout };
}
