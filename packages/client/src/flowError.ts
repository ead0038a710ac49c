import { TRPCClientError } from "@trpc/client";
import { fr } from "@guichet/schema";

export type FlowErrorKind = "conflict" | "notFound" | "tooLarge" | "other";

export interface FlowError {
  readonly kind: FlowErrorKind;
  /** Always a French sentence fit for a citizen: never a stack trace, never a network library's English. */
  readonly message: string;
}

const kinds: Record<string, FlowErrorKind> = {
  CONFLICT: "conflict",
  NOT_FOUND: "notFound",
  PAYLOAD_TOO_LARGE: "tooLarge",
};
const fallback: Record<FlowErrorKind, string> = {
  conflict: fr.errors.conflict,
  notFound: fr.errors.notFound,
  tooLarge: fr.errors.tooLarge,
  other: fr.errors.internal,
};

/** The server words its errors in French; anything else (a dropped connection, a crash) gets the catalogue's sentence. */
export function flowError(error: unknown): FlowError {
  if (error instanceof TRPCClientError) {
    const code = (error.data as { code?: string } | undefined)?.code;
    const kind = (code && kinds[code]) || "other";
    const message = code && code !== "INTERNAL_SERVER_ERROR" && isSentence(error.message) ? error.message : fallback[kind];
    return { kind, message };
  }
  return { kind: "other", message: fr.errors.internal };
}

// A sentence the server meant for people: one line, no stack frames, no JSON.
const isSentence = (m: string) => m.length > 0 && m.length < 400 && !/\n\s+at |^\s*[[{]/.test(m);
