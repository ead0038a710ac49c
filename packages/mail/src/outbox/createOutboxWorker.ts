import type { MailRenderer } from "../render/createMailRenderer.js";
import type { Tenant } from "../Tenant.js";
import type { MailTransport } from "../transport/MailTransport.js";
import { exponentialBackoff } from "./exponentialBackoff.js";
import type { OutboxMessage, OutboxStore } from "./OutboxStore.js";

export interface OutboxLog {
  warn(message: string, details: Record<string, unknown>): void;
  error(message: string, details: Record<string, unknown>): void;
}

export interface OutboxWorkerOptions {
  store: OutboxStore;
  renderer: MailRenderer;
  transport: MailTransport;
  /** Brands the e-mails and signs them: From is the tenant's name, with `sender` or else the tenant's address. */
  tenant: Tenant;
  /**
   * The From address (MAIL_FROM): one the sending domain vouches for (SPF, DKIM), such as
   * `ne-pas-repondre@ccplm.fr`. Replies still reach the tenant's own address through Reply-To.
   */
  sender?: string;
  /** A message still failing this long after it was written becomes a dead letter (default: one day). */
  giveUpAfterMs?: number;
  /** Decides what is due and when a retry is; injected so tests can move time. */
  now?: () => Date;
  batchSize?: number;
  pollMs?: number;
  /** Milliseconds to wait after the given number of failed attempts. */
  backoff?: (attempts: number) => number;
  log?: OutboxLog;
}

export interface DrainResult {
  sent: number;
  /** Failed, to be tried again later. */
  failed: number;
  /** Failed for good: refused permanently, unrenderable, or still failing after `giveUpAfterMs`. */
  dead: number;
}

export interface OutboxWorker {
  /** Sends everything due now, batch after batch; never runs alongside another drain of this worker. */
  drain(): Promise<DrainResult>;
  /** Drains now, then every `pollMs`. */
  start(): void;
  /** Drains as soon as possible: call it after writing an outbox row. */
  wake(): void;
  /** Stops polling; resolves once the batch in flight is done. */
  stop(): Promise<void>;
}

type Outcome = "sent" | "recorded" | "failed" | "dead";

const ONE_DAY_MS = 24 * 3_600_000;

/**
 * Sends the outbox: claims due messages, renders, sends, marks each sent or failed with back-off.
 * A dead mail server delays mail and loses none: each message waits and is sent once it is back, once; the store keeps two workers apart.
 */
export function createOutboxWorker({
  store,
  renderer,
  transport,
  tenant,
  sender,
  giveUpAfterMs = ONE_DAY_MS,
  now = () => new Date(),
  batchSize = 20,
  pollMs = 2_000,
  backoff = exponentialBackoff,
  log = console,
}: OutboxWorkerOptions): OutboxWorker {
  const from = { name: tenant.name, address: sender ?? tenant.email };
  const replyTo: Record<string, string> = sender && sender !== tenant.email ? { "Reply-To": tenant.email } : {};
  const host = new URL(tenant.publicUrl).hostname;
  // Sent, but the store failed to record it: if the message is offered again, record it, never resend.
  const sentUnrecorded = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();
  let started = false;
  let stopping = false;
  let ticking = false;
  let woken = false;
  let timer: NodeJS.Timeout | undefined;

  async function deliver(message: OutboxMessage): Promise<Outcome> {
    const details = { id: message.id, template: message.template, attempts: message.attempts + 1 };
    let outcome: Outcome = "recorded";
    if (!sentUnrecorded.has(message.id)) {
      let mail;
      try {
        mail = renderer.render(message.template, message.data as never, tenant);
      } catch (error) {
        // Data that does not fit its template never will: retrying it would only fill the log.
        return giveUp(message, `render: ${describe(error)}`);
      }
      try {
        await transport.send({
          from,
          to: message.to,
          ...mail,
          headers: {
            ...replyTo,
            // The same id on every attempt lets a receiver drop a copy if an accepted send looked failed.
            "Message-ID": `<outbox-${message.id.replace(/[^\w.-]/g, "-")}@${host}>`,
            "Auto-Submitted": "auto-generated",
          },
        });
      } catch (error) {
        const reason = describe(error);
        if (isPermanent(error)) return giveUp(message, reason);
        if (now().getTime() - message.createdAt.getTime() >= giveUpAfterMs)
          return giveUp(message, `still failing after ${Math.round(giveUpAfterMs / 3_600_000)} h: ${reason}`);
        log.warn("Outbox: an e-mail could not be sent; it will be retried", { ...details, error: reason });
        try {
          await store.markFailed(message.id, reason, new Date(now().getTime() + backoff(details.attempts)));
        } catch (storeError) {
          log.error("Outbox: a failed attempt could not be recorded", { ...details, error: describe(storeError) });
        }
        return "failed";
      }
      sentUnrecorded.add(message.id);
      outcome = "sent";
    }
    try {
      await store.markSent(message.id, now());
      sentUnrecorded.delete(message.id);
    } catch (error) {
      log.error("Outbox: an e-mail was sent but could not be marked sent", { ...details, error: describe(error) });
    }
    return outcome;
  }

  /** Sets a message aside for the operator (`npm run outbox:dead`), with one clear line in the log. */
  async function giveUp(message: OutboxMessage, reason: string): Promise<Outcome> {
    const details = { id: message.id, template: message.template, attempts: message.attempts + 1, error: reason };
    log.error("Outbox: an e-mail was given up (dead letter); the citizen may ask for a new one", details);
    try {
      await store.markDead(message.id, reason, now());
    } catch (storeError) {
      log.error("Outbox: a dead letter could not be recorded", { ...details, error: describe(storeError) });
    }
    return "dead";
  }

  /** The ids of the e-mails in flight. */
  const sending = new Set<string>();
  /** Counts wake() calls: one during a drain means a row was written since its last claim. */
  let wakes = 0;
  /** Set while a drain waits on its e-mails in flight: wake() resolves it, to claim again at once. */
  let rewoken: (() => void) | undefined;

  /**
   * Up to `batchSize` e-mails in flight; each one done frees its slot for the next due one, so an
   * e-mail stuck at a slow server (until its transport deadline) never holds the others back.
   */
  async function drainNow(): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, failed: 0, dead: 0 };
    const inFlight = new Set<Promise<void>>();
    // Tried in this drain: one due again at once (a zero back-off) is not claimed again, or it would spin.
    const tried = new Set<string>();
    let exhausted = false;
    for (;;) {
      const seen = wakes;
      const free = batchSize - inFlight.size;
      if (!stopping && !exhausted && free > 0) {
        let batch: OutboxMessage[];
        try {
          batch = await store.claimDue(now(), free);
        } catch (error) {
          // The database is down: let what is in flight finish (and be recorded) before saying so.
          await Promise.all(inFlight);
          throw error;
        }
        // Fewer than asked: nothing else is due now (until a wake).
        if (batch.length < free) exhausted = true;
        for (const message of batch) {
          if (tried.has(message.id)) exhausted = true;
          // Offered again while still in flight (its claim ran out, as a moved clock can make it): never twice at once.
          if (sending.has(message.id)) continue;
          tried.add(message.id);
          sending.add(message.id);
          const delivery: Promise<void> = deliver(message).then((outcome) => {
            inFlight.delete(delivery);
            sending.delete(message.id);
            if (outcome !== "recorded") result[outcome] += 1;
          });
          inFlight.add(delivery);
        }
      }
      if (inFlight.size === 0) return result;
      if (wakes !== seen) {
        // Woken while claiming: the new row may have been missed by that claim.
        exhausted = false;
        continue;
      }
      const woken = new Promise<void>((resolve) => {
        rewoken = resolve;
      });
      await Promise.race([...inFlight, woken]);
      if (rewoken === undefined) exhausted = false;
      rewoken = undefined;
    }
  }

  function drain(): Promise<DrainResult> {
    const run = queue.then(drainNow);
    queue = run.catch(() => undefined);
    return run;
  }

  function schedule(delayMs: number): void {
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), delayMs);
  }

  async function tick(): Promise<void> {
    timer = undefined;
    ticking = true;
    woken = false;
    try {
      await drain();
    } catch (error) {
      log.error("Outbox: the outbox could not be read; trying again later", { error: describe(error) });
    } finally {
      ticking = false;
      if (started) schedule(woken ? 0 : pollMs);
    }
  }

  return {
    drain,
    start() {
      if (started) return;
      started = true;
      schedule(0);
    },
    wake() {
      if (!started) return;
      // Mid-drain, the new row may have been claimed already or not: claim again now, and run again right after.
      wakes += 1;
      if (ticking) {
        woken = true;
        const resume = rewoken;
        rewoken = undefined;
        resume?.();
      } else schedule(0);
    },
    async stop() {
      started = false;
      stopping = true;
      clearTimeout(timer);
      timer = undefined;
      try {
        await queue;
      } finally {
        stopping = false;
      }
    },
  };
}

/** An SMTP 5xx answer (unknown mailbox, refused content) will be the same tomorrow; 4xx and network faults pass. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
