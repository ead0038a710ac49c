/**
 * A deadline on each SMTP command: armed when the client sends a command (or the end of a message,
 * or while the greeting is awaited) and re-armed at each complete answer, cleared when none is
 * awaited. A byte trickling in does not count as an answer, unlike a socket's idle timer.
 *
 * Nodemailer's SMTP connection reports each command it writes and each complete answer it reads to
 * its logger (with `transactionLog`); this logger turns those reports into the deadline.
 */
export interface CommandDeadline {
  /** The logger to give nodemailer's SMTPConnection, with `transactionLog: true`. */
  readonly logger: Record<"trace" | "debug" | "info" | "warn" | "error" | "fatal", (entry?: { tnx?: string }) => void>;
  /** Stops the timer for good (the connection is closed). */
  stop(): void;
}

export function commandDeadline(timeoutMs: number, onLate: () => void): CommandDeadline {
  // The greeting is awaited from the start.
  let awaited = 1;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const rearm = () => {
    clearTimeout(timer);
    timer = !stopped && awaited > 0 ? setTimeout(onLate, timeoutMs) : undefined;
  };
  const ignore = () => {};
  rearm();
  return {
    logger: {
      trace: ignore,
      debug(entry) {
        if (entry?.tnx === "client") {
          awaited += 1;
          if (awaited === 1) rearm();
        } else if (entry?.tnx === "server") {
          awaited = Math.max(0, awaited - 1);
          rearm();
        }
      },
      info(entry) {
        // The message's final dot was written: its answer is awaited.
        if (entry?.tnx === "message") {
          awaited += 1;
          if (awaited === 1) rearm();
        }
      },
      warn: ignore,
      error: ignore,
      fatal: ignore,
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
