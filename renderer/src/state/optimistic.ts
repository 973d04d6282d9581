import type { RequestError, Result } from '$shared/contract.js';

/**
 * How a change shown before the host answers ends: called once with the answer (null when the
 * request threw). It keeps what the answer confirms and takes the rest back.
 */
export type Settle<T> = (answer: Result<T> | null) => void;

/** For an action that shows nothing before the answer. */
export const nothingShown = (): Settle<unknown> => () => undefined;

/**
 * Every action of the panel, one way: `apply` shows the change at once (and returns how to end
 * it), `request` asks the host, and on a refusal the change is taken back and `failure` reports
 * the error. The answer is returned as well, for an action that reads it (a form shows the error
 * next to its field). A change made while this one is on its way applies on top of it; each is
 * settled by its own answer.
 */
export async function optimistic<T>(
  apply: () => Settle<T>,
  request: () => Promise<Result<T>>,
  failure: (error: RequestError) => void,
): Promise<Result<T>> {
  const settle = apply();
  let answer: Result<T>;
  try {
    answer = await request();
  } catch (error) {
    settle(null);
    throw error;
  }
  settle(answer);
  if (!answer.ok) failure(answer.error);
  return answer;
}
