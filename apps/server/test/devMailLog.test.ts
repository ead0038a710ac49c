import { describe, expect, it } from "vitest";
import type { MailTransport } from "@guichet/mail";
import { withDevMailLog } from "../src/devMailLog";

describe("the development mail log", () => {
  it("tells each e-mail sent with the links it carries, after it was sent", async () => {
    const sent: string[] = [];
    const lines: string[] = [];
    const inner: MailTransport = { send: async (m) => void sent.push(m.to) };
    const transport = withDevMailLog(inner, (l) => lines.push(l));
    await transport.send({
      to: "marc@example.fr",
      subject: "Activez",
      html: "<p>x</p>",
      text: "Ouvrez https://g.example/activation?jeton=abc puis https://g.example/activation?jeton=abc",
    });
    expect(sent).toEqual(["marc@example.fr"]);
    expect(lines).toEqual(["Courriel « Activez » envoyé à marc@example.fr : https://g.example/activation?jeton=abc"]);
  });

  it("tells nothing when sending failed, so the log never claims a message went out", async () => {
    const lines: string[] = [];
    const transport = withDevMailLog({ send: async () => Promise.reject(new Error("451")) }, (l) => lines.push(l));
    await expect(transport.send({ to: "a@example.fr", subject: "s", html: "", text: "" })).rejects.toThrow("451");
    expect(lines).toEqual([]);
  });
});
