import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { StatelyInspectionEvent } from "@statelyai/inspect";
import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";
import type { InspectionEvent } from "xstate";
import type { FlowRuntime } from "@guichet/api";
import { devPageHeaders } from "./securityHeaders";

/*
 * GUICHET_INSPECT=1: every flow actor reports to the XState inspector (@statelyai/inspect). The relay
 * lives in this process: /dev/inspect is the inspector's bridge page (Stately's UI in a frame, fed
 * through a WebSocket at /dev/inspect/ws), so one port serves the app and the inspector, through an
 * SSH tunnel too. What leaves the process is sanitised first: states and event names as they are,
 * every answer masked (field names stay, values become •••), no token, hash or error message.
 * This module, `ws` and `@statelyai/inspect` are only loaded when the switch is on.
 */

export const INSPECT_PATH = "/dev/inspect";
const SOCKET_PATH = `${INSPECT_PATH}/ws`;
/** Events kept for a page opened late, as Stately's own relay does. */
const REPLAY = 200;
export const MASK = "•••";
const STATELY_UI = "https://stately.ai";

export interface FlowInspector {
  /** Given to the flow runtime, which passes it to every actor it creates. */
  readonly inspect: (event: InspectionEvent) => void;
  /** The runtime with each call labelled by its flow, so the inspector names actors `registration ‹flow 1a2b3c4d›`. */
  labelled(runtime: FlowRuntime): FlowRuntime;
  /** The bridge page and its WebSocket; outside production only (GUICHET_INSPECT=1 is refused there). */
  routes(app: FastifyInstance, options?: { allowed?: (req: IncomingMessage) => boolean }): void;
  close(): void;
}

export async function createFlowInspector(options: { publicUrl: string; log?: (line: string) => void }): Promise<FlowInspector> {
  const [{ createInspector }, { WebSocketServer }] = await Promise.all([import("@statelyai/inspect"), import("ws")]);
  const sockets = new Set<WebSocket>();
  const recent: string[] = [];
  const flowOfCall = new AsyncLocalStorage<string>();
  const flowOfSession = new Map<string, string>();

  const inspector = createInspector(
    {
      send(event) {
        const message = JSON.stringify(event);
        recent.push(message);
        if (recent.length > REPLAY) recent.shift();
        for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(message);
      },
    },
    { serialize: (event) => sanitizeInspectionEvent(event, (sessionId) => flowOfSession.get(sessionId)) },
  );
  const wss = new WebSocketServer({ noServer: true });
  wss.on("connection", (socket) => {
    sockets.add(socket);
    for (const message of recent) socket.send(message);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => sockets.delete(socket));
  });

  options.log?.(`Inspecteur XState : ouvrez ${options.publicUrl}${INSPECT_PATH} (flux brut : ${options.publicUrl.replace(/^http/, "ws")}${SOCKET_PATH})`);

  const label = async <T>(runtime: FlowRuntime, token: string, call: () => Promise<T>) => {
    const id = await runtime.idOf(token).catch(() => undefined);
    return id ? flowOfCall.run(id.slice(0, 8), call) : call();
  };

  return {
    inspect(event) {
      // The actor is created inside the request, so the flow it serves is known right here.
      if (event.type === "@xstate.actor" && !(event.actorRef as { _parent?: unknown })._parent) {
        const flow = flowOfCall.getStore();
        if (flow) {
          flowOfSession.set(event.actorRef.sessionId, flow);
          if (flowOfSession.size > 1_000) flowOfSession.delete(flowOfSession.keys().next().value!);
        }
      }
      inspector.inspect.next?.(event);
    },
    labelled(runtime) {
      return {
        ...runtime,
        get: (token, client) => label(runtime, token, () => runtime.get(token, client)),
        send: (token, version, move, request) => label(runtime, token, () => runtime.send(token, version, move, request)),
      };
    },
    routes(app, { allowed = () => true } = {}) {
      // Stately's UI is the one thing framed from elsewhere; the relay is this server's own WebSocket.
      app.get(INSPECT_PATH, { helmet: devPageHeaders({ "frame-src": [STATELY_UI] }) }, (_req, reply) =>
        reply.type("text/html").send(bridgePage(reply.cspNonce)),
      );
      const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        if (new URL(req.url ?? "/", "http://x").pathname !== SOCKET_PATH) return;
        // The WebSocket bypasses fastify's hooks: the developer pages' gate is applied here too.
        if (!allowed(req)) return void socket.destroy();
        wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
      };
      app.server.on("upgrade", upgrade);
      app.addHook("onClose", async () => {
        app.server.off("upgrade", upgrade);
        for (const socket of sockets) socket.terminate();
        wss.close();
      });
    },
    close() {
      for (const socket of sockets) socket.terminate();
      wss.close();
      inspector.stop();
    },
  };
}

/**
 * The one gate of everything sent to the inspector: an allow-list of the inspection event's fields,
 * the snapshot reduced to status, state and masked context, the event to its type and masked payload.
 */
export function sanitizeInspectionEvent(
  event: StatelyInspectionEvent,
  flowOf: (sessionId: string) => string | undefined = () => undefined,
): StatelyInspectionEvent {
  const base = { sessionId: event.sessionId, rootId: event.rootId, createdAt: event.createdAt, id: event.id, _version: event._version };
  switch (event.type) {
    case "@xstate.actor": {
      const flow = flowOf(event.sessionId);
      return {
        ...base,
        type: event.type,
        name: flow ? `${event.name} ‹flow ${flow}›` : event.name,
        parentId: event.parentId,
        definition: event.definition,
        snapshot: sanitizeSnapshot(event.snapshot),
      };
    }
    case "@xstate.event":
      return { ...base, rootId: event.rootId, type: event.type, sourceId: event.sourceId, event: sanitizeEvent(event.event) };
    case "@xstate.snapshot":
      return { ...base, rootId: event.rootId, type: event.type, event: sanitizeEvent(event.event), snapshot: sanitizeSnapshot(event.snapshot) as never };
  }
}

function sanitizeSnapshot(snapshot: unknown) {
  const s = (snapshot ?? {}) as { status?: "active" | "done" | "error" | "stopped"; value?: unknown; context?: unknown };
  return {
    ...(s.status ? { status: s.status } : {}),
    ...(s.value !== undefined ? { value: s.value } : {}),
    ...(s.context !== undefined ? { context: sanitizeContext(s.context) } : {}),
  };
}

/** The context's shape with every answer masked: which steps are answered, which fields hold something. */
export function sanitizeContext(context: unknown): Record<string, unknown> {
  return (typeof context === "object" && context !== null ? mask(context) : {}) as Record<string, unknown>;
}

/** Fields of an event that name a part of the chart or the day, never a person. */
const SHOWN_AS_IS = new Set(["step", "today", "actorId"]);

/** An event's name, the step it names and the day; anything it carries (values, drafts, outputs) masked. */
export function sanitizeEvent(event: unknown): { type: string; [key: string]: unknown } {
  const e = (event ?? {}) as Record<string, unknown>;
  const out: { type: string; [key: string]: unknown } = { type: typeof e.type === "string" ? e.type : "" };
  for (const [key, value] of Object.entries(e)) {
    if (key === "type") continue;
    out[key] = SHOWN_AS_IS.has(key) && typeof value === "string" ? value : mask(value);
  }
  return out;
}

/** Keys and booleans stay (they say which fields are filled, which box is ticked); every text and number becomes •••. */
function mask(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined || typeof value === "boolean") return value;
  if (typeof value === "string") return value === "" ? "" : MASK;
  if (typeof value !== "object" || value instanceof Error || depth > 8) return MASK;
  if (Array.isArray(value)) return value.map((v) => mask(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, depth + 1)]));
}

/** Stately's bridge page (as `createInspectorServer` serves it), on our origin, with a plain-text log below for offline use. */
function bridgePage(nonce: { script: string; style: string }) {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Inspecteur XState — Guichet</title><link rel="icon" type="image/svg+xml" href="/favicon.svg">
<style nonce="${nonce.style}">html,body{height:100%;margin:0;font:14px/1.4 system-ui,sans-serif}iframe{width:100%;height:78vh;border:0;border-bottom:1px solid #ccc}
details{padding:.5rem 1rem}pre{max-height:18vh;overflow:auto;background:#f4f4f4;padding:.5rem;margin:0}</style></head><body>
<iframe id="inspector" title="Inspecteur XState" src="${STATELY_UI}/inspect"></iframe>
<details><summary>Événements reçus (texte brut, sans données personnelles) — <span id="state">connexion…</span></summary><pre id="log"></pre></details>
<script nonce="${nonce.script}">
const iframe = document.getElementById("inspector"), log = document.getElementById("log"), state = document.getElementById("state");
const buffer = []; let connected = false;
window.addEventListener("message", (e) => {
  if (e.data && e.data.type === "@statelyai.connected") { connected = true; buffer.splice(0).forEach((d) => iframe.contentWindow.postMessage(d, "*")); }
});
const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + ${JSON.stringify(SOCKET_PATH)});
ws.onopen = () => (state.textContent = "connecté");
ws.onclose = () => (state.textContent = "déconnecté (rechargez la page)");
ws.onmessage = (message) => {
  const data = JSON.parse(message.data);
  if (connected) iframe.contentWindow.postMessage(data, "*"); else buffer.push(data);
  const line = [new Date(Number(data.createdAt)).toLocaleTimeString("fr-FR"), data.type, data.name || "", data.event ? data.event.type : "", data.snapshot && data.snapshot.value ? JSON.stringify(data.snapshot.value) : ""].join("  ");
  log.textContent = (line + "\\n" + log.textContent).slice(0, 20000);
};
</script></body></html>`;
}
