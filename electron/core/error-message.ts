/** The message of anything thrown, for a log line (callers redact where a secret could be in it). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
