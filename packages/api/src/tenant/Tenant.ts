import type { Tenant as MailTenant } from "@guichet/mail";
import type { PasswordPolicy, WritingScript } from "@guichet/schema";

export interface TenantService {
  readonly id: string;
  readonly label: string;
  /** Whom to ask when the key does not fill itself in. */
  readonly contact: string;
  /** A demo registry (CSV) loaded at start outside production when the service has none. */
  readonly demoRegistry?: string;
}

export interface NewsItem {
  readonly date: string;
  readonly title: string;
  readonly text: string;
  /** Shown with the seed's « NOUVEAU » badge. */
  readonly isNew?: boolean;
}

/**
 * Everything a local authority configures; a second tenant is a second file of this shape. Its name,
 * contacts and colour are the e-mails' (`@guichet/mail`), declared once there; the pages' view of it is
 * the router's `tenant.info` answer (`TenantInfo` of `@guichet/client`).
 */
export interface Tenant extends Readonly<Omit<MailTenant, "publicUrl">> {
  readonly id: string;
  readonly shortName: string;
  readonly cgu: string;
  /** The DONNÉES PERSONNELLES notice; a part [between brackets] links to the dataPolicy below it. */
  readonly dataNotice: string;
  /** The « mentions d’information » (RGPD): paragraphs separated by blank lines. */
  readonly dataPolicy: string;
  readonly news: ReadonlyArray<NewsItem>;
  readonly services: ReadonlyArray<TenantService>;
  /** SIREN of the EPCI whose communes make the territory (streets, postal codes). */
  readonly epci?: string;
  readonly flowTtlDays: number;
  readonly passwordPolicy: PasswordPolicy;
  /** The kiosk's session (docs/kiosk-flow.md): idle time before the warning, the warning's countdown, the handoff screen's. */
  readonly kiosk: TenantKioskTimings;
  /** The démarches of "Mon espace" the tenant must switch on; absent: off. */
  readonly demarches?: TenantDemarches;
  /** The writing systems accepted in names, one per word (`writingScripts` of @guichet/schema); absent: Latin only. */
  readonly nameScripts?: ReadonlyArray<WritingScript>;
}

/** "Modifier mon identité": off unless allowed, and then only for the names listed. */
export interface TenantDemarches {
  readonly identity?: {
    readonly allowed: boolean;
    /** `birthName`: nom de naissance; `firstName`: prénom(s). */
    readonly fields: ReadonlyArray<"birthName" | "firstName">;
  };
}

export interface TenantKioskTimings {
  readonly idleMs: number;
  readonly warningMs: number;
  readonly handoffMs: number;
}
