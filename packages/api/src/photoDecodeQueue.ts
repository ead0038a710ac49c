/**
 * Bounds how many photos are decoded at once: a decode can take tens of megabytes for a second, so
 * a burst of uploads waits in a short line, and past it is told to try again rather than piling up.
 */
export function decodeQueue(options: { running: number; waiting: number }) {
  let running = 0;
  const line: Array<() => void> = [];
  return {
    /** Runs `work` when a place is free; undefined, without running it, when the line is full. */
    async run<T>(work: () => Promise<T>): Promise<{ value: T } | undefined> {
      if (running < options.running) running++;
      else if (line.length < options.waiting) await new Promise<void>((resolve) => line.push(resolve));
      else return undefined;
      try {
        return { value: await work() };
      } finally {
        // The place passes straight to the first in line, so no newcomer slips in between.
        const first = line.shift();
        if (first) first();
        else running--;
      }
    },
  };
}
