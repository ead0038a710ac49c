/**
 * Answers an anonymous request about an identifier (« Mot de passe oublié », a new activation e-mail, an
 * activation code) at the first multiple of `EVEN_TIME_STEP_MS` after it began, whether it succeeded or failed:
 * an existing account costs a transaction and an e-mail queued, an unknown one a lookup, and the answer's time
 * must not tell them apart as its words do not. The step sits well above the work's time on a busy server, so
 * both land on the first one. Real time, not the service's clock (tests move that one).
 */
export const EVEN_TIME_STEP_MS = 250;

export function atEvenTime<A extends unknown[], R>(
  work: (...args: A) => Promise<R>,
  options: {
    /** An answer that only the account's owner can obtain (a right code) tells a stranger nothing: it need not wait. */
    readonly unless?: (result: R) => boolean;
    readonly stepMs?: number;
  } = {},
): (...args: A) => Promise<R> {
  const step = options.stepMs ?? EVEN_TIME_STEP_MS;
  const evenUp = async (started: number) => {
    const spent = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(Math.max(spent, 1) / step) * step - spent));
  };
  return async (...args) => {
    const started = performance.now();
    let result: R;
    try {
      result = await work(...args);
    } catch (error) {
      await evenUp(started);
      throw error;
    }
    if (!options.unless?.(result)) await evenUp(started);
    return result;
  };
}
