import type { FastifyInstance } from "fastify";
import { devPageHeaders } from "./securityHeaders";
import type { AnyStateNode } from "xstate";
import { flowStore, type Database, type FlowRecord } from "@guichet/db";
import { registrationMachine, registrationMachineVersion } from "@guichet/machines";

/*
 * /dev/flows: the latest flows and where each one stands in the registration chart, redrawn every
 * two seconds. Only the flow table's own columns and the snapshot's state are read: never an answer,
 * a draft or a token. Outside production only.
 */

const LIMIT = 50;
const REFRESH_MS = 2_000;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The steps of the chart as the machine declares them, each with its inner states. */
export const chartSteps = (Object.values(registrationMachine.root.states) as AnyStateNode[]).map((node) => ({
  key: node.key,
  inner: (Object.values(node.states) as AnyStateNode[]).map((n) => n.key),
  final: node.type === "final",
}));

export interface FlowPosition {
  readonly flow: string;
  /** `["credentials", "editing"]`; empty when the stored snapshot is unreadable. */
  readonly path: string[];
  readonly status: FlowRecord["status"];
  readonly machineVersion: number;
  readonly version: number;
  readonly updatedAt: Date;
}

/** Where a stored flow stands; only the snapshot's `value` is read. */
export function positionOf(record: FlowRecord): FlowPosition {
  let path: string[] = [];
  try {
    path = pathOf((JSON.parse(record.snapshot) as { value?: unknown }).value);
  } catch {
    path = [];
  }
  return {
    flow: record.id.slice(0, 8),
    path,
    status: record.status,
    machineVersion: record.machineVersion,
    version: record.version,
    updatedAt: record.updatedAt,
  };
}

function pathOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") {
    const [key, inner] = Object.entries(value)[0] ?? [];
    return key === undefined ? [] : [key, ...pathOf(inner)];
  }
  return [];
}

const BOX_W = 92;
const BOX_H = 34;
const GAP = 10;

/** The chart's steps in a row; the flows' current steps filled, with how many flows are there. */
export function chartSvg(positions: readonly FlowPosition[], options: { compact?: boolean } = {}): string {
  const counts = new Map<string, number>();
  for (const p of positions) if (p.path[0]) counts.set(p.path[0], (counts.get(p.path[0]) ?? 0) + 1);
  const inner = new Map<string, Set<string>>();
  for (const p of positions) if (p.path[1]) inner.set(p.path[0]!, (inner.get(p.path[0]!) ?? new Set()).add(p.path[1]));
  const w = options.compact ? 22 : BOX_W;
  const h = options.compact ? 14 : BOX_H;
  const width = chartSteps.length * (w + GAP);
  const height = options.compact ? h + 4 : h + 26;
  const boxes = chartSteps.map((step, i) => {
    const x = i * (w + GAP);
    const n = counts.get(step.key) ?? 0;
    const here = n > 0;
    const title = `${step.key}${step.inner.length ? ` (${step.inner.join(", ")})` : ""}${here && !options.compact ? ` : ${n} parcours` : ""}`;
    const fill = here ? "#0b4f8a" : step.final ? "#eef3ea" : "#f4f4f4";
    const text = here ? "#fff" : "#1b1b1b";
    const arrow = i > 0 ? `<line x1="${x - GAP}" y1="${h / 2 + 2}" x2="${x}" y2="${h / 2 + 2}" stroke="#999"/>` : "";
    const label = options.compact
      ? ""
      : `<text x="${x + w / 2}" y="${h / 2 + 6}" text-anchor="middle" font-size="11" fill="${text}">${escape(step.key)}${here ? ` ·${n}` : ""}</text>` +
        (inner.get(step.key)
          ? `<text x="${x + w / 2}" y="${h + 16}" text-anchor="middle" font-size="10" fill="#0b4f8a">${escape([...inner.get(step.key)!].join(", "))}</text>`
          : "");
    return `${arrow}<g data-step="${escape(step.key)}"${here ? ' data-here="true"' : ""}><title>${escape(title)}</title><rect x="${x}" y="2" width="${w}" height="${h}" rx="${options.compact ? 3 : 8}" fill="${fill}" stroke="${here ? "#0b4f8a" : "#bbb"}"${step.final ? ' stroke-dasharray="3 2"' : ""}/>${label}</g>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${boxes.join("")}</svg>`;
}

const ago = (at: Date, now: Date) => {
  const s = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  return s < 60 ? `il y a ${s} s` : s < 3600 ? `il y a ${Math.round(s / 60)} min` : at.toLocaleString("fr-FR");
};

/** The part of the page that is redrawn: the chart of every flow, then one line per flow. */
export function flowsFragment(positions: readonly FlowPosition[], now = new Date()): string {
  const rows = positions
    .map((p) => {
      const where = p.path.length ? p.path.join(" › ") : "illisible";
      const old = p.machineVersion < registrationMachineVersion ? ` <strong>(ancienne : migrée à la reprise)</strong>` : "";
      return `<tr><td><code>${escape(p.flow)}</code></td><td>${escape(where)}</td><td>${escape(p.status)}</td><td>v${p.machineVersion}${old}</td><td>${p.version}</td><td>${escape(ago(p.updatedAt, now))}</td><td>${chartSvg([p], { compact: true })}</td></tr>`;
    })
    .join("");
  return `<h2>Où en sont les parcours</h2>${chartSvg(positions)}
<h2>Les ${LIMIT} derniers parcours</h2>
${positions.length ? `<table><thead><tr><th>Parcours</th><th>État</th><th>Statut</th><th>Machine</th><th>Version</th><th>Mis à jour</th><th>Dans le schéma</th></tr></thead><tbody>${rows}</tbody></table>` : "<p>Aucun parcours pour le moment.</p>"}`;
}

const page = (body: string, inspector: boolean, nonce: { script: string; style: string }) => `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Parcours en cours</title><link rel="icon" type="image/svg+xml" href="/favicon.svg">
<style nonce="${nonce.style}">body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:middle}
a{color:#0b4f8a}svg{max-width:100%;height:auto}</style></head><body><main>
<h1>Parcours en cours (développement)</h1>
<p>Les parcours d’inscription les plus récents et leur place dans le schéma de la machine (version ${registrationMachineVersion}),
redessinés toutes les ${REFRESH_MS / 1000} secondes. Aucune réponse ni aucun jeton n’est affiché.
Le schéma complet : <code>docs/registration-flow.md</code>.${inspector ? ` Événements en direct : <a href="/dev/inspect">inspecteur XState</a>.` : ""}</p>
<div id="flows" aria-live="polite">${body}</div>
</main><script nonce="${nonce.script}">
setInterval(async () => {
  try { const r = await fetch("/dev/flows/live"); if (r.ok) document.getElementById("flows").innerHTML = await r.text(); } catch {}
}, ${REFRESH_MS});
</script></body></html>`;

export function devFlowRoutes(app: FastifyInstance, options: { db: Database; inspector: boolean; now?: () => Date }) {
  const store = flowStore(options.db);
  const now = options.now ?? (() => new Date());
  const positions = async () => (await store.recent(LIMIT)).map(positionOf);
  app.get("/dev/flows", { helmet: devPageHeaders() }, async (_req, reply) =>
    reply.type("text/html").send(page(flowsFragment(await positions(), now()), options.inspector, reply.cspNonce)),
  );
  app.get("/dev/flows/live", async (_req, reply) => {
    reply
      .header("cache-control", "no-store")
      .type("text/html")
      .send(flowsFragment(await positions(), now()));
  });
}
