/** The local authority whose portal sends the e-mail: its name, contacts and colour brand every message. */
export interface Tenant {
  name: string;
  phone: string;
  email: string;
  /** A hex colour (`#1d4f91` or `#14f`); anything else is refused, since it lands in CSS. */
  primaryColor: string;
  publicUrl: string;
}
