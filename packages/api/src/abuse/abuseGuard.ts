import { TRPCError } from "@trpc/server";
import type { Database } from "@guichet/db";
import type { AbuseLimits, LimitRule } from "./abuseLimits";
import { abuseMessages } from "./abuseMessages";
import { memoryThrottle } from "./memoryThrottle";
import { requestThrottle, type Counted } from "./requestThrottle";

/** Who is calling, as the throttles count: the client address and the device cookie. */
export interface Caller {
  readonly ip: string;
  readonly device: string;
}

/** The caller as the in-memory counters see it: the device only when its cookie came with the request (none is set). */
export interface KnownCaller {
  readonly ip: string;
  readonly knownDevice?: string | undefined;
}

/** The ceilings of abuseLimits on the flow's anonymous calls, refused with a French sentence (429). */
export function abuseGuard(db: Database, now: () => Date, limits: AbuseLimits) {
  const throttle = requestThrottle(db, now, "abuse", { memoryBlock: true });
  const inMemory = memoryThrottle("abuse");
  const refuse = (message: string) => new TRPCError({ code: "TOO_MANY_REQUESTS", message });
  // A request without a device cookie is a new device each time: counting it would only fill memory.
  const byDeviceThenAddress = (kind: string, rules: { perDevice: LimitRule; perAddress: LimitRule }, caller: KnownCaller) => {
    const keys: Record<string, Counted> = {};
    if (caller.knownDevice) keys[`${kind}_dev`] = { rule: rules.perDevice, subject: caller.knownDevice };
    keys[`${kind}_ip`] = { rule: rules.perAddress, subject: caller.ip };
    return keys;
  };

  return {
    limits,

    async flowStart(caller: Caller): Promise<void> {
      const { perDevice, perAddress, perAddressBurst } = limits.flowStart;
      const wait = await throttle.take({
        start_dev: { rule: perDevice, subject: caller.device },
        start_ip_burst: { rule: perAddressBurst, subject: caller.ip },
        start_ip: { rule: perAddress, subject: caller.ip },
      });
      if (wait > 0) throw refuse(abuseMessages.tooManyStarts(wait));
    },

    /** A FranceConnect login started (per device, then address), or its callback (per address: it comes without the device's cookie). Milliseconds to wait, 0 when allowed. */
    async franceConnect(kind: "login" | "callback", caller: { readonly ip: string; readonly device?: string }): Promise<number> {
      const { perDevice, perAddress, callbacksPerAddress } = limits.franceConnect;
      return kind === "callback"
        ? throttle.take({ fc_callback_ip: { rule: callbacksPerAddress, subject: caller.ip } })
        : throttle.take({
            ...(caller.device ? { fc_login_dev: { rule: perDevice, subject: caller.device } } : {}),
            fc_login_ip: { rule: perAddress, subject: caller.ip },
          });
    },

    /** A call made while typing in a flow: counted per flow (by its token, before any lookup), then device, then address. */
    async whileTyping(kind: "usernameAvailable" | "passwordStrength", token: string, caller: Caller): Promise<void> {
      const { perFlow, perDevice, perAddress } = limits[kind];
      const wait = await throttle.take({
        [`${kind}_flow`]: { rule: perFlow, subject: token },
        [`${kind}_dev`]: { rule: perDevice, subject: caller.device },
        [`${kind}_ip`]: { rule: perAddress, subject: caller.ip },
      });
      if (wait > 0) throw refuse(abuseMessages.tooManyRequests(wait));
    },

    /** A live-view ticket asked for: counted per flow (by its token, before any lookup), in memory. */
    async watchTicket(token: string): Promise<void> {
      const wait = await inMemory.take({ watchTickets_flow: { rule: limits.watchTickets.perFlow, subject: token } });
      if (wait > 0) throw refuse(abuseMessages.tooManyRequests(wait));
    },

    /** Every anonymous procedure, first: counted in this process's memory, per device then address. */
    async call(caller: KnownCaller): Promise<void> {
      const wait = await inMemory.take(byDeviceThenAddress("calls", limits.calls, caller));
      if (wait > 0) throw refuse(abuseMessages.tooManyRequests(wait));
    },

    /** A lookup in the reference data (`places.*`), answered from memory: counted in memory too. */
    async lookup(caller: KnownCaller): Promise<void> {
      const wait = await inMemory.take(byDeviceThenAddress("lookups", limits.lookups, caller));
      if (wait > 0) throw refuse(abuseMessages.tooManyRequests(wait));
    },

    /** An app's file, compressed as it is sent: counted in memory. The milliseconds to wait, or 0. */
    file(caller: KnownCaller): Promise<number> {
      return inMemory.take(byDeviceThenAddress("files", limits.files, caller));
    },

    /** A password about to be hashed in a flow: counted per flow (its id), then address, in the shared table. */
    async passwordHash(flowId: string, ip: string | undefined): Promise<void> {
      const { perFlow, perAddress } = limits.passwordHashes;
      const wait = await throttle.take({
        passwordHashes_flow: { rule: perFlow, subject: flowId },
        ...(ip ? { passwordHashes_ip: { rule: perAddress, subject: ip } } : {}),
      });
      if (wait > 0) throw refuse(abuseMessages.tooManyRequests(wait));
    },

    /** A call that costs more than a database write (a key derivation, an argon2 verification, a photo): counted in the shared table. */
    async costly(kind: "powChallenge" | "logins" | "photos", caller: Caller): Promise<void> {
      const { perDevice, perAddress } = limits[kind];
      const wait = await throttle.take({
        [`${kind}_dev`]: { rule: perDevice, subject: caller.device },
        [`${kind}_ip`]: { rule: perAddress, subject: caller.ip },
      });
      if (wait > 0) throw refuse(abuseMessages.tooManyRequests(wait));
    },
  };
}
export type AbuseGuard = ReturnType<typeof abuseGuard>;
