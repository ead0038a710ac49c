import { TRPCError } from "@trpc/server";
import type { Database } from "@guichet/db";
import type { AbuseLimits } from "./abuseLimits";
import { abuseMessages } from "./abuseMessages";
import { requestThrottle } from "./requestThrottle";

/** Who is calling, as the throttles count: the client address and the device cookie. */
export interface Caller {
  readonly ip: string;
  readonly device: string;
}

/** The ceilings of abuseLimits on the flow's anonymous calls, refused with a French sentence (429). */
export function abuseGuard(db: Database, now: () => Date, limits: AbuseLimits) {
  const throttle = requestThrottle(db, now, "abuse", { memoryBlock: true });
  const refuse = (message: string) => new TRPCError({ code: "TOO_MANY_REQUESTS", message });

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
  };
}
export type AbuseGuard = ReturnType<typeof abuseGuard>;
