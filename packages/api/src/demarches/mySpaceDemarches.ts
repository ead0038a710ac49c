import { TRPCError } from "@trpc/server";
import { isUniqueViolation, type FlowStore } from "@guichet/db";
import type { FlowView } from "@guichet/schema";
import type { FlowRuntime } from "../flowRuntime";
import type { FlowDefinition } from "../flowDefinition";
import type { FlowEvents } from "../live/FlowEvents";
import { hashToken, newSecretToken } from "../secretToken";
import type { Tenant } from "../tenant";
import { demarcheMessages as m } from "./messages";

/** A démarche of the menu of "Mon espace". */
export interface DemarcheEntry {
  readonly kind: string;
  readonly label: string;
  readonly description: string;
}

/** "Mes démarches en cours": one unfinished démarche of the account. */
export interface PendingDemarche {
  readonly flowId: string;
  readonly kind: string;
  /** The démarche's name (its menu label). */
  readonly title: string;
  /** The title of the page it stopped at. */
  readonly stepTitle: string;
  readonly updatedAt: string;
}

export interface MySpaceDemarchesDeps {
  readonly flows: FlowRuntime;
  readonly store: FlowStore;
  readonly tenant: Tenant;
  /** Tells the views still open elsewhere that another device took the flow over. */
  readonly events: FlowEvents;
  readonly now: () => Date;
}

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: m.notFound });

/**
 * The démarches of "Mon espace" (definitions with `owner: "account"`): the menu, starting one (or
 * resuming the unfinished one of that kind), the account's unfinished ones, resuming one on this device
 * (a new token: the old one stops), abandoning one. Only the owner reaches a démarche through these.
 */
export function mySpaceDemarches({ flows, store, tenant, events, now }: MySpaceDemarchesDeps) {
  const offered = (): FlowDefinition[] => flows.definitions().filter((d) => d.owner === "account" && (d.available?.(tenant) ?? true));
  const offeredKind = (kind: string) => offered().find((d) => d.kind === kind);

  /** The account's live flow of that id, or not found (another account's flow is not found either). */
  async function owned(flowId: string, accountId: string) {
    const record = await store.findById(flowId);
    if (!record || record.accountId !== accountId || record.status !== "active" || record.expiresAt.getTime() <= now().getTime()) throw notFound();
    return record;
  }

  /** A new token for the flow, its view drawn with it; views opened with the old token hear of the takeover. */
  async function takeOver(flowId: string, ip?: string): Promise<FlowView> {
    const token = newSecretToken();
    if (!(await store.replaceToken(flowId, hashToken(token), now()))) throw notFound();
    const view = await flows.get(token, { ...(ip ? { ip } : {}), internal: true });
    events.publish(flowId, { kind: "resumed", version: view.version });
    return view;
  }

  return {
    menu(): DemarcheEntry[] {
      return offered().map((d) => ({ kind: d.kind, label: d.menu?.label ?? d.kind, description: d.menu?.description ?? "" }));
    },

    /** One unfinished flow per kind and account: starting again resumes it (with a new token). */
    async start(accountId: string, kind: string, ip?: string): Promise<FlowView> {
      if (!offeredKind(kind)) throw new TRPCError({ code: "NOT_FOUND", message: m.unknown });
      const unfinished = (await store.unfinishedOfAccount(accountId, now())).find((r) => r.kind === kind);
      if (unfinished) return takeOver(unfinished.id, ip);
      await store.deleteExpiredOfAccount(accountId, kind, now());
      try {
        return await flows.start(ip ? { ip } : {}, kind, { accountId });
      } catch (err) {
        // Two devices started it at the same moment: the database kept the other's; this one takes it over.
        if (!isUniqueViolation(err)) throw err;
        const other = (await store.unfinishedOfAccount(accountId, now())).find((r) => r.kind === kind);
        if (!other) throw err;
        return takeOver(other.id, ip);
      }
    },

    async pending(accountId: string): Promise<PendingDemarche[]> {
      const byKind = new Map(flows.definitions().map((d) => [d.kind, d]));
      return (await store.unfinishedOfAccount(accountId, now())).flatMap((r) => {
        const d = byKind.get(r.kind);
        if (!d || d.owner !== "account") return [];
        return [{ flowId: r.id, kind: r.kind, title: d.menu?.label ?? r.kind, stepTitle: d.titles[r.step] ?? "", updatedAt: r.updatedAt.toISOString() }];
      });
    },

    async resume(accountId: string, flowId: string, ip?: string): Promise<FlowView> {
      await owned(flowId, accountId);
      return takeOver(flowId, ip);
    },

    async abandon(accountId: string, flowId: string): Promise<{ message: string }> {
      const record = await owned(flowId, accountId);
      await store.delete(record.id);
      events.publish(flowId, { kind: "moved", version: record.version + 1 });
      return { message: m.abandoned };
    },
  };
}
export type MySpaceDemarches = ReturnType<typeof mySpaceDemarches>;
