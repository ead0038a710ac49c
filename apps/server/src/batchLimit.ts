/** The most calls one tRPC batch may carry: the pages never batch, and each call of a batch is answered in one turn of the loop. */
export const MAX_BATCH_CALLS = 10;

/**
 * How many calls a tRPC request names, read as tRPC reads it: a batch (`?batch=1`) lists its procedures in the
 * path, separated by commas, once decoded (the router decodes the path, then tRPC decodes it once more).
 */
export function callsIn(path: string | undefined, query: string): number {
  if (!path || new URLSearchParams(query).get("batch") !== "1") return 1;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return 1; // tRPC refuses a path it cannot decode
  }
  return decoded.split(",").length;
}
