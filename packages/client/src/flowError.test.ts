import { describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import { fr } from "@guichet/schema";
import { flowError } from "./flowError";

const serverError = (code: string, message: string) => new TRPCClientError(message, { result: { error: { code: -32000, message, data: { code } } } } as never);

describe("errors as a citizen reads them", () => {
  it("keeps the server's French sentence and tells conflicts and lost flows apart", () => {
    expect(flowError(serverError("CONFLICT", fr.errors.conflict))).toEqual({ kind: "conflict", message: fr.errors.conflict });
    expect(flowError(serverError("NOT_FOUND", fr.errors.notFound))).toEqual({ kind: "notFound", message: fr.errors.notFound });
  });
  it("never shows a stack, a network library's English or an internal error's details", () => {
    expect(flowError(new TypeError("Failed to fetch")).message).toBe(fr.errors.internal);
    expect(flowError(serverError("INTERNAL_SERVER_ERROR", "boom")).message).toBe(fr.errors.internal);
    expect(flowError(serverError("BAD_REQUEST", "Error: x\n    at f (a.js:1:1)")).message).toBe(fr.errors.internal);
  });
});
