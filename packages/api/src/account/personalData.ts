import { createHash } from "node:crypto";
import { personalDataRepository, type Database, type HeldData, type HeldFlow } from "@guichet/db";
import { mailSubjects, type TemplateName } from "@guichet/mail";
import { fr, linesOf, stepRegistry } from "@guichet/schema";
import type { FlowDefinition } from "../flowDefinition";
import type { PlaceNames } from "../placeNames";
import type { Tenant } from "../tenant";
import { DatabaseRateLimiter } from "./DatabaseRateLimiter";

/** Downloads of "Mes données" per account and hour: enough to retry, too few to load the database. */
export const PERSONAL_DATA_DOWNLOADS_PER_HOUR = 10;

/** A labelled value, as the review and "Mon espace" show answers. */
export interface DataLine {
  readonly libelle: string;
  readonly valeur: string;
}

/**
 * "Mes données": everything Guichet holds about the logged-in citizen, in French, as the JSON file
 * says it (the HTML page draws the same document). Never a hash, a token or a session's id.
 */
export interface PersonalDataExport {
  readonly format: "guichet-mes-donnees/1";
  readonly genereLe: string;
  readonly responsableDuTraitement: { readonly nom: string; readonly contact: string };
  readonly compte: {
    readonly nomUtilisateur: string;
    readonly courriel: string;
    readonly statut: string;
    readonly creeLe: string;
    readonly activeLe: string | null;
    /** A new address given in "Modifier mes coordonnées", until its link is opened. */
    readonly nouveauCourrielEnAttente: string | null;
  };
  /** IDENTITÉ, ADRESSE, MOYENS DE CONTACT as "Mon espace" shows them, and as stored. */
  readonly profil: ReadonlyArray<{ readonly rubrique: string; readonly lignes: ReadonlyArray<DataLine>; readonly valeurs: unknown }>;
  readonly photo: { readonly type: string; readonly dataUrl: string } | null;
  readonly clesDeService: ReadonlyArray<{ readonly service: string; readonly cle: string; readonly remplieAutomatiquement: boolean }>;
  readonly consentements: ReadonlyArray<{ readonly objet: string; readonly accepteLe: string; readonly version: string }>;
  readonly connexions: ReadonlyArray<{ readonly ouverteLe: string; readonly derniereActiviteLe: string; readonly expireLe: string }>;
  readonly demarchesDeMonEspace: ReadonlyArray<{
    readonly demarche: string;
    readonly etape: string;
    readonly statut: string;
    readonly commenceeLe: string;
    readonly modifieeLe: string;
    readonly expireLe: string;
    readonly reponses: unknown;
  }>;
  /** Unfinished sign-ups given this address: their dates only (whoever typed the address, it may not be its owner). */
  readonly inscriptionsInachevees: ReadonlyArray<{
    readonly etape: string;
    readonly commenceeLe: string;
    readonly modifieeLe: string;
    readonly effaceeLe: string;
  }>;
  readonly courriels: ReadonlyArray<{
    readonly objet: string;
    /** The address it went to: the account's current one, or one it had before. */
    readonly adresse: string;
    readonly creeLe: string;
    readonly envoyeLe: string | null;
    readonly abandonneLe: string | null;
  }>;
  readonly liensEtCodes: ReadonlyArray<{ readonly objet: string; readonly creeLe: string; readonly expireLe: string; readonly utiliseLe: string | null }>;
}

/** Why a download is refused: no such account any more, or too many downloads this hour. */
export type PersonalDataResult =
  | { readonly ok: true; readonly data: PersonalDataExport }
  | { readonly ok: false; readonly reason: "notFound" }
  | { readonly ok: false; readonly reason: "tooMany"; readonly retryAfterSeconds: number };

export interface PersonalDataDeps {
  readonly db: Database;
  readonly tenant: Tenant;
  readonly places: PlaceNames;
  readonly now: () => Date;
  /** The flows the runtime runs: a démarche is named by its menu label, its page by its title. */
  readonly definitions: () => ReadonlyArray<FlowDefinition>;
}

export const personalDataText = {
  consentCgu: "Conditions générales d’utilisation",
  consentVersion: "Le texte en vigueur à cette date (la version acceptée n’est pas conservée à part).",
  active: "actif",
  pending: "en attente d’activation",
  unknownMail: "Courriel",
  secretKinds: {
    activation: "Lien d’activation",
    "activation-code": "Code d’activation",
    reset: "Lien de réinitialisation du mot de passe",
    "email-change": "Lien de confirmation d’une nouvelle adresse électronique",
  } as Record<string, string>,
  otherSecret: "Lien ou code à usage unique",
  flowStatus: { active: "en cours", done: "terminée", cancelled: "abandonnée" } as Record<string, string>,
  tooMany: (seconds: number) =>
    `Vous avez déjà téléchargé vos données plusieurs fois. Réessayez dans ${Math.max(1, Math.ceil(seconds / 60))}\u00a0minute${seconds > 60 ? "s" : ""}.`,
  notFound: "Votre session a expiré ou vous n’êtes pas connecté. Veuillez vous connecter.",
} as const;

// What a démarche's answers must never show, should one ever keep it: a hash, a password, a token.
const SECRET_KEY = /hash|password|motdepasse|token|jeton|secret/i;
function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => (SECRET_KEY.test(k) ? [] : [[k, withoutSecrets(v)]])));
  return value;
}

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

const mySpaceSteps = Object.values(stepRegistry).filter((s) => s.mySpace);

/** "Mes données": the document, rate-limited per account. */
export function personalData({ db, tenant, places, now, definitions }: PersonalDataDeps) {
  const downloads = new DatabaseRateLimiter({ db, now, keyPrefix: "data_export", points: PERSONAL_DATA_DOWNLOADS_PER_HOUR, duration: 3600 });

  function document(held: HeldData): PersonalDataExport {
    const stored = JSON.parse(held.account.profile) as Record<string, unknown> & {
      services?: Record<string, { key: string; auto?: boolean }>;
      pendingEmail?: { address?: unknown };
    };
    const byKind = new Map(definitions().map((d) => [d.kind, d]));
    const context = { places, services: tenant.services };
    return {
      format: "guichet-mes-donnees/1",
      genereLe: iso(now()),
      responsableDuTraitement: { nom: tenant.name, contact: tenant.email },
      compte: {
        nomUtilisateur: held.account.username,
        courriel: held.account.email,
        statut: held.account.status === "active" ? personalDataText.active : personalDataText.pending,
        creeLe: iso(held.account.createdAt),
        activeLe: isoOrNull(held.account.activatedAt),
        nouveauCourrielEnAttente: typeof stored.pendingEmail?.address === "string" ? stored.pendingEmail.address : null,
      },
      profil: mySpaceSteps.map((step) => {
        const answer = stored[step.id];
        const valeurs = answer && typeof answer === "object" ? { ...(answer as Record<string, unknown>) } : (answer ?? null);
        // The photo's id means nothing outside Guichet: the photo itself is below.
        if (valeurs && typeof valeurs === "object") delete (valeurs as Record<string, unknown>).photoId;
        return {
          rubrique: fr.steps[step.id as keyof typeof fr.steps] ?? step.id,
          lignes: linesOf(step, answer, context).map((l) => ({ libelle: l.label, valeur: l.value })),
          valeurs: withoutSecrets(valeurs),
        };
      }),
      photo: held.photo ? { type: held.photo.mime, dataUrl: `data:${held.photo.mime};base64,${held.photo.data.toString("base64")}` } : null,
      clesDeService: Object.entries(stored.services ?? {}).map(([id, k]) => ({
        service: tenant.services.find((s) => s.id === id)?.label ?? id,
        cle: k.key,
        remplieAutomatiquement: k.auto === true,
      })),
      consentements: [{ objet: personalDataText.consentCgu, accepteLe: iso(held.account.createdAt), version: personalDataText.consentVersion }],
      connexions: held.sessions.map((s) => ({ ouverteLe: iso(s.createdAt), derniereActiviteLe: iso(s.lastSeenAt), expireLe: iso(s.expiresAt) })),
      demarchesDeMonEspace: held.demarches.map((f) => demarcheOf(f, byKind.get(f.kind))),
      inscriptionsInachevees: held.signUpDrafts
        .filter((f) => draftHolds(f, held.account.email))
        .map((f) => ({
          etape: fr.steps[f.step as keyof typeof fr.steps] ?? f.step,
          commenceeLe: iso(f.createdAt),
          modifieeLe: iso(f.updatedAt),
          effaceeLe: iso(f.expiresAt),
        })),
      courriels: held.mails.map((m) => ({
        objet: mailSubjects[m.template as TemplateName] ?? personalDataText.unknownMail,
        adresse: m.recipient,
        creeLe: iso(m.createdAt),
        envoyeLe: isoOrNull(m.sentAt),
        abandonneLe: isoOrNull(m.deadAt),
      })),
      liensEtCodes: held.secrets.map((s) => ({
        objet: personalDataText.secretKinds[s.kind] ?? personalDataText.otherSecret,
        creeLe: iso(s.createdAt),
        expireLe: iso(s.expiresAt),
        utiliseLe: isoOrNull(s.usedAt),
      })),
    };
  }

  return {
    /** The citizen's document, or why not; one download spent per call. */
    async collect(accountId: string): Promise<PersonalDataResult> {
      try {
        // Counters keep no identifier in clear, as the login's do.
        await downloads.consume(createHash("sha256").update(accountId).digest("base64url").slice(0, 32));
      } catch (rejection) {
        if (rejection instanceof Error) throw rejection;
        return { ok: false, reason: "tooMany", retryAfterSeconds: Math.max(1, Math.ceil((rejection as { msBeforeNext: number }).msBeforeNext / 1000)) };
      }
      const held = await personalDataRepository(db).heldAbout(accountId, now());
      return held ? { ok: true, data: document(held) } : { ok: false, reason: "notFound" };
    },
  };
}
export type PersonalData = ReturnType<typeof personalData>;

function demarcheOf(f: HeldFlow, definition: FlowDefinition | undefined): PersonalDataExport["demarchesDeMonEspace"][number] {
  const snapshot = JSON.parse(f.snapshot) as { context?: { answers?: unknown } };
  return {
    demarche: definition?.menu?.label ?? f.kind,
    etape: definition?.titles[f.step] ?? f.step,
    statut: personalDataText.flowStatus[f.status] ?? f.status,
    commenceeLe: iso(f.createdAt),
    modifieeLe: iso(f.updatedAt),
    expireLe: iso(f.expiresAt),
    reponses: withoutSecrets(snapshot.context?.answers ?? {}),
  };
}

/** The database found the address in the snapshot's text; this checks it is the draft's courriel, in any case. */
function draftHolds(f: HeldFlow, email: string): boolean {
  try {
    type Contacts = { contacts?: { courriel?: unknown } };
    const snapshot = JSON.parse(f.snapshot) as { context?: { answers?: Contacts; drafts?: Contacts } };
    const same = (typed: unknown) => typeof typed === "string" && typed.trim().toLowerCase() === email.trim().toLowerCase();
    return same(snapshot.context?.answers?.contacts?.courriel) || same(snapshot.context?.drafts?.contacts?.courriel);
  } catch {
    return false;
  }
}
