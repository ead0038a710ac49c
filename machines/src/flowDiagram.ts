import type { AnyStateMachine, AnyStateNode } from "xstate";

/*
 * Draws a machine as a Mermaid `stateDiagram-v2`, read from the machine itself so the picture in
 * docs/ can never drift from the chart the server runs (a test regenerates and compares).
 *
 * Mermaid cannot draw an arrow that crosses the edge of a composite state, so such an arrow is drawn
 * from (or to) the outermost box it has to leave (or enter): an arrow leaving `credentials` leaves
 * from one of its inner states, and the label says which event or invoked actor took it.
 */

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

interface Note {
  readonly on: string;
  readonly text: string;
}

/** The machine as Mermaid text: `stateDiagram-v2`, composite states, guards in brackets. */
export function toMermaid(machine: AnyStateMachine): string {
  const edges = new Map<AnyStateNode, Edge[]>();
  const notes = new Map<AnyStateNode, Note[]>();
  const push = <T>(map: Map<AnyStateNode, T[]>, node: AnyStateNode, item: T) => map.set(node, [...(map.get(node) ?? []), item]);

  for (const node of allNodes(machine.root)) {
    for (const { eventLabel, guard, targets, reenter } of transitionsOf(node)) {
      const label = guard ? `${eventLabel} [${guard}]` : eventLabel;
      for (const target of targets.length ? targets : [node]) {
        const common = lowestCommonAncestor(node, target);
        const from = childOnPath(common, node);
        const to = childOnPath(common, target);
        if (!from && !to) {
          // A transition of a state to itself (re-entered or not).
          if (node.parent) push(edges, node.parent, { from: idOf(node), to: idOf(node), label: reenter ? label : `${label} (stays)` });
          else push(notes, node, { on: idOf(firstChild(node)), text: `${label} - stays` });
        } else if (!from) {
          // Declared on an ancestor: taken from any of its inner states.
          const where = common.parent ? `any state of ${common.key}` : "any state";
          push(notes, common, { on: idOf(to!), text: `${label} from ${where}` });
        } else if (!to) {
          // Back to an enclosing state: drawn as a loop on it.
          if (common.parent) push(edges, common.parent, { from: idOf(common), to: idOf(common), label });
          else push(notes, common, { on: idOf(from), text: `${label} - restarts the machine` });
        } else {
          push(edges, common, { from: idOf(from), to: idOf(to), label });
        }
      }
    }
  }

  const lines = ["stateDiagram-v2"];
  drawChildren(machine.root, "  ", lines, edges, notes);
  return lines.join("\n") + "\n";
}

/** A page of docs/: the diagram, then every state with what it invokes, its tags and description. */
export function flowDiagramMarkdown(machine: AnyStateMachine, options: { title: string; source: string; intro?: string }): string {
  const rows = allNodes(machine.root)
    .filter((n) => n.parent)
    .map((n) => {
      const invoked = n.invoke.map((i) => `\`${String(i.src)}\``).join(", ");
      const kind = n.type === "final" ? "final" : n.type === "compound" ? `composite (starts at \`${n.initial?.target[0]?.key}\`)` : "";
      const tags = n.tags.map((t) => `\`${t}\``).join(", ");
      return `| \`${n.path.join(".")}\` | ${[kind, invoked && `invokes ${invoked}`, tags && `tags ${tags}`].filter(Boolean).join("; ")} | ${(n.description ?? "").replace(/\|/g, "\\|")} |`;
    });
  return [
    `# ${options.title}`,
    "",
    `<!-- Generated from ${options.source} by \`npm run docs:flow\`. Do not edit: change the machine and regenerate. -->`,
    "",
    ...(options.intro ? [options.intro, ""] : []),
    "```mermaid",
    toMermaid(machine).trimEnd(),
    "```",
    "",
    "An arrow that leaves a box leaves from one of the states inside it; `done` / `error` name the invoked",
    "actor whose answer takes the arrow; brackets hold the guard that must pass.",
    "",
    "| state | kind | description |",
    "|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}

function drawChildren(node: AnyStateNode, indent: string, lines: string[], edges: Map<AnyStateNode, Edge[]>, notes: Map<AnyStateNode, Note[]>) {
  const children = Object.values(node.states) as AnyStateNode[];
  for (const child of children) {
    if (child.path.length > 1 || idOf(child) !== child.key) lines.push(`${indent}state "${child.key}" as ${idOf(child)}`);
  }
  const initial = node.initial?.target[0];
  if (initial) lines.push(`${indent}[*] --> ${idOf(initial)}`);
  for (const child of children) {
    if (Object.keys(child.states).length === 0) continue;
    lines.push(`${indent}state ${idOf(child)} {`);
    drawChildren(child, indent + "  ", lines, edges, notes);
    lines.push(`${indent}}`);
  }
  const { kept, fanIn } = collapseFanIn(edges.get(node) ?? [], children);
  // Arrows between the same two states are drawn once, their labels one under the other.
  const merged = new Map<string, Edge & { labels: string[] }>();
  for (const edge of kept) {
    const key = `${edge.from} ${edge.to}`;
    const seen = merged.get(key);
    if (seen) {
      if (!seen.labels.includes(edge.label)) seen.labels.push(edge.label);
    } else merged.set(key, { ...edge, labels: [edge.label] });
  }
  for (const edge of merged.values()) lines.push(`${indent}${edge.from} --> ${edge.to} : ${edge.labels.map(escapeLabel).join("<br/>")}`);
  for (const child of children) if (child.type === "final") lines.push(`${indent}${idOf(child)} --> [*]`);
  for (const note of [...fanIn, ...(notes.get(node) ?? [])]) lines.push(`${indent}note right of ${note.on} : ${escapeLabel(note.text)}`);
}

/**
 * The same event to the same state from many states (CANCEL from every step) would cover the chart in
 * arrows: it becomes one note on the target instead.
 */
function collapseFanIn(edges: Edge[], siblings: AnyStateNode[]): { kept: Edge[]; fanIn: Note[] } {
  const groups = new Map<string, Edge[]>();
  for (const edge of edges) groups.set(`${edge.to} ${edge.label}`, [...(groups.get(`${edge.to} ${edge.label}`) ?? []), edge]);
  const kept: Edge[] = [];
  const fanIn: Note[] = [];
  for (const group of groups.values()) {
    const { to, label } = group[0]!;
    const sources = new Set(group.map((e) => e.from));
    if (sources.size < FAN_IN) {
      kept.push(...group);
      continue;
    }
    const others = siblings.filter((s) => s.type !== "final" && idOf(s) !== to).map(idOf);
    const from = others.every((o) => sources.has(o)) ? "every state that is not final" : [...sources].join(", ");
    fanIn.push({ on: to, text: `${label} from ${from}` });
  }
  return { kept, fanIn };
}
const FAN_IN = 4;

function* walk(node: AnyStateNode): Generator<AnyStateNode> {
  yield node;
  for (const child of Object.values(node.states) as AnyStateNode[]) yield* walk(child);
}
const allNodes = (root: AnyStateNode) => [...walk(root)];

/** Every transition a node declares, with a readable event name (invoked actors' answers, delays, eventless). */
function transitionsOf(node: AnyStateNode) {
  const invoked = new Map<string, string>(node.invoke.map((i) => [i.id, String(i.src)]));
  const out: Array<{ eventLabel: string; guard: string | undefined; targets: readonly AnyStateNode[]; reenter: boolean }> = [];
  for (const [eventType, list] of node.transitions) {
    list.forEach((t, i) => {
      // An unguarded branch after guarded ones is taken only when none of them passed.
      const guard = guardName(t.guard) ?? (i > 0 ? "else" : undefined);
      out.push({ eventLabel: eventName(eventType, invoked), guard, targets: t.target ?? [], reenter: t.reenter });
    });
  }
  for (const t of node.always ?? []) out.push({ eventLabel: "always", guard: guardName(t.guard), targets: t.target ?? [], reenter: t.reenter });
  return out;
}

function eventName(eventType: string, invoked: Map<string, string>): string {
  const done = /^xstate\.(done|error)\.actor\.(.+)$/.exec(eventType);
  if (done) return `${invoked.get(done[2]!) ?? done[2]} ${done[1]}`;
  const after = /^xstate\.after\.([^.]+)\./.exec(eventType);
  if (after) return `after ${after[1]}`;
  return eventType;
}

function guardName(guard: unknown): string | undefined {
  if (guard === undefined) return undefined;
  if (typeof guard === "string") return guard;
  if (typeof guard === "function") {
    const inner = (guard as { guards?: unknown[] }).guards;
    if (inner && guard.name === "not") return `not ${guardName(inner[0])}`;
    if (inner) return inner.map(guardName).join(` ${guard.name} `);
    return guard.name || "guard";
  }
  const { type, params } = guard as { type: string; params?: Record<string, unknown> };
  const shown = params ? Object.values(params).filter((v) => typeof v === "string" || typeof v === "number") : [];
  return shown.length ? `${type}(${shown.join(", ")})` : type;
}

function ancestors(node: AnyStateNode): AnyStateNode[] {
  const chain: AnyStateNode[] = [];
  for (let n: AnyStateNode | undefined = node; n; n = n.parent) chain.unshift(n);
  return chain;
}

function lowestCommonAncestor(a: AnyStateNode, b: AnyStateNode): AnyStateNode {
  const pa = ancestors(a);
  const pb = ancestors(b);
  let common = pa[0]!;
  for (let i = 0; i < Math.min(pa.length, pb.length) && pa[i] === pb[i]; i++) common = pa[i]!;
  return common;
}

/** The child of `ancestor` that holds `node`; undefined when `node` is `ancestor` itself. */
function childOnPath(ancestor: AnyStateNode, node: AnyStateNode): AnyStateNode | undefined {
  const chain = ancestors(node);
  return chain[chain.indexOf(ancestor) + 1];
}

const firstChild = (node: AnyStateNode) => (Object.values(node.states)[0] as AnyStateNode | undefined) ?? node;

/** Inner states share names (`editing` in several steps): their Mermaid id is their path. */
const idOf = (node: AnyStateNode) => node.path.join("_") || "root";

// Mermaid ends a label at a line break and reads `;` and `#` as syntax.
const escapeLabel = (text: string) => text.replace(/[;#\n]/g, " ");

/** The pages `npm run docs:flow` writes, by path from the repository's root. */
export async function flowDiagramPages(): Promise<Array<{ path: string; text: string }>> {
  const { registrationMachine, registrationMachineVersion } = await import("./registration");
  const { kioskMachine, kioskMachineVersion } = await import("./kiosk");
  const { changeContactsMachine, changeContactsMachineVersion } = await import("./changeContacts");
  const changes = await import("./accountChange");
  const oneStep = (machine: AnyStateMachine, version: number, name: string, path: string) => ({
    path,
    text: flowDiagramMarkdown(machine, {
      title: `The démarche « ${name} »`,
      source: "machines/src/accountChange.ts",
      intro:
        `Machine version ${version}. A démarche of Mon espace made of one step, its review and the save ` +
        "(`accountChangeMachine`); see [adding-a-demarche.md](adding-a-demarche.md).",
    }),
  });
  const { deleteAccountMachine, deleteAccountMachineVersion } = await import("./deleteAccount");
  return [
    {
      path: "docs/registration-flow.md",
      text: flowDiagramMarkdown(registrationMachine, {
        title: "The registration flow",
        source: "machines/src/registration.ts",
        intro:
          `Machine version ${registrationMachineVersion} (\`registrationMachineVersion\`). The server runs this chart once per ` +
          "request ([architecture.md](architecture.md)); busy states (tag `busy`) are never stored. See " +
          "[adding-a-step.md](adding-a-step.md) to change it.",
      }),
    },
    {
      path: "docs/kiosk-flow.md",
      text: flowDiagramMarkdown(kioskMachine, {
        title: "The kiosk session",
        source: "machines/src/kiosk.ts",
        intro:
          `Machine version ${kioskMachineVersion} (\`kioskMachineVersion\`). Runs in the kiosk's browser: only the screen ` +
          "forgets, the registration flow stays saved on the server.",
      }),
    },
    {
      path: "docs/change-contacts-flow.md",
      text: flowDiagramMarkdown(changeContactsMachine, {
        title: "The démarche « Modifier mes coordonnées »",
        source: "machines/src/changeContacts.ts",
        intro:
          `Machine version ${changeContactsMachineVersion} (\`changeContactsMachineVersion\`). A démarche of Mon espace, run by the ` +
          "same runtime as the sign-up, prefilled with the account's values; see [adding-a-demarche.md](adding-a-demarche.md).",
      }),
    },
    oneStep(changes.changePasswordMachine, changes.changePasswordMachineVersion, "Changer mon mot de passe", "docs/change-password-flow.md"),
    oneStep(changes.changeEmailMachine, changes.changeEmailMachineVersion, "Changer mon adresse électronique", "docs/change-email-flow.md"),
    oneStep(changes.changeIdentityMachine, changes.changeIdentityMachineVersion, "Modifier mon identité", "docs/change-identity-flow.md"),
    {
      path: "docs/delete-account-flow.md",
      text: flowDiagramMarkdown(deleteAccountMachine, {
        title: "The démarche « Supprimer mon espace »",
        source: "machines/src/deleteAccount.ts",
        intro:
          `Machine version ${deleteAccountMachineVersion} (\`deleteAccountMachineVersion\`). A démarche of Mon espace: the current ` +
          "password (checked by the runtime, never kept) and the box, the review, then every row of the account erased or " +
          "anonymised in one transaction; see [personal-data.md](personal-data.md).",
      }),
    },
  ];
}
