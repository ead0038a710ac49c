import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createMachine } from "xstate";
import { flowDiagramPages, toMermaid } from "./flowDiagram";
import { registrationMachine } from "./registration";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("the flow diagrams in docs/", () => {
  it("are what the machines draw today (run `npm run docs:flow` after changing a machine)", async () => {
    for (const page of await flowDiagramPages()) {
      const committed = await readFile(root + page.path, "utf8").catch(() => "(missing)");
      expect(committed, `${page.path} is stale: run npm run docs:flow`).toBe(page.text);
    }
  });
});

describe("toMermaid", () => {
  it("draws every state of the registration chart, inner states under their step's name", () => {
    const text = toMermaid(registrationMachine);
    expect(text.startsWith("stateDiagram-v2\n")).toBe(true);
    for (const step of Object.keys(registrationMachine.root.states)) expect(text).toMatch(new RegExp(`^\\s+${step} `, "m"));
    expect(text).toContain('state "editing" as credentials_editing');
    expect(text).toContain('state "editing" as services_editing');
  });

  it("labels an invoked actor's answer and the guard it needs, drawn from the box it leaves", () => {
    const text = toMermaid(registrationMachine);
    expect(text).toMatch(/^\s+credentials --> services : checkUsername done \[usernameAvailable\]$/m);
    expect(text).toMatch(/^\s+credentials_checking --> credentials_editing : checkUsername done \[else\]<br\/>checkUsername error$/m);
  });

  it("turns one event from many states into a note, and marks final states", () => {
    const text = toMermaid(registrationMachine);
    expect(text).toContain("note right of cancelled : CANCEL from every state that is not final");
    expect(text).not.toMatch(/--> cancelled : CANCEL/);
    expect(text).toMatch(/^\s+done --> \[\*\]$/m);
  });

  it("draws delays, eventless moves, self-transitions and events of the whole machine", () => {
    const machine = createMachine({
      id: "m",
      initial: "a",
      on: { RESET: ".a" },
      states: {
        a: { after: { 1000: "b" }, on: { PING: { target: "a", reenter: true } } },
        b: { always: "a" },
      },
    });
    expect(toMermaid(machine)).toBe(
      [
        "stateDiagram-v2",
        "  [*] --> a",
        "  a --> a : PING",
        "  a --> b : after 1000",
        "  b --> a : always",
        "  note right of a : RESET from any state",
        "",
      ].join("\n"),
    );
  });
});
