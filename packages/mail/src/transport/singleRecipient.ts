/**
 * Returns the address if it is one plain address. Nodemailer reads `a@x.fr, b@y.fr` as two
 * recipients and `Name <a@x.fr>` as a display name, so anything but `local@domain` is refused.
 */
export function singleRecipient(to: string): string {
  if (!/^[^\s@,;:<>()[\]"\\]+@[^\s@,;:<>()[\]"\\]+$/.test(to)) {
    throw new Error("The recipient must be one plain e-mail address");
  }
  return to;
}
