import path from "node:path";

/**
 * The path of message `id` in `dir`, or undefined if `id` is not a mailbox id. Ids reach here
 * from URLs (`/dev/mail/:id`), so only the shape the mailbox produces passes, and the result is
 * checked to stay inside `dir` as well.
 */
export function mailboxFile(dir: string, id: string): string | undefined {
  if (!/^[0-9A-Za-z][0-9A-Za-z-]{0,99}$/.test(id)) return undefined;
  const root = path.resolve(dir);
  const file = path.resolve(root, `${id}.eml`);
  return path.dirname(file) === root ? file : undefined;
}
