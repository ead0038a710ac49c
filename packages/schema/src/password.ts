import { fr } from "./catalogue";

/** What a tenant asks of passwords: the seed's rule, optionally the CNIL 2022 floor of 50 bits. */
export interface PasswordPolicy {
  readonly minLength: number;
  readonly cnil2022: boolean;
}
export const seedPasswordPolicy: PasswordPolicy = { minLength: 8, cnil2022: false };

export interface ChecklistItem {
  readonly id: "length" | "lower" | "upper" | "digit" | "noUsername" | "entropy";
  readonly label: string;
  readonly met: boolean;
}

/**
 * Entropy as the CNIL counts it: length × log2(size of the alphabets used).
 * The seed's rule (8 characters among 62) gives 8 × log2(62) ≈ 47.6 bits.
 */
export function passwordEntropyBits(password: string): number {
  let alphabet = 0;
  if (/[a-z]/.test(password)) alphabet += 26;
  if (/[A-Z]/.test(password)) alphabet += 26;
  if (/\d/.test(password)) alphabet += 10;
  if (/[^a-zA-Z\d]/.test(password)) alphabet += 33;
  return alphabet === 0 ? 0 : [...password].length * Math.log2(alphabet);
}

/** The rule as the field's hint says it: the same policy as the checklist, in one sentence. */
export const passwordRule = (policy: PasswordPolicy): string => fr.credentials.passwordRuleFor(policy.minLength, policy.cnil2022);

/** The live checklist shown under the password field, and the rule the server enforces. */
export function passwordChecklist(password: string, username: string, policy: PasswordPolicy): ChecklistItem[] {
  const c = fr.credentials.checklist;
  const items: ChecklistItem[] = [
    { id: "length", label: c.length(policy.minLength), met: [...password].length >= policy.minLength },
    { id: "lower", label: c.lower, met: /\p{Ll}/u.test(password) },
    { id: "upper", label: c.upper, met: /\p{Lu}/u.test(password) },
    { id: "digit", label: c.digit, met: /\d/.test(password) },
    {
      id: "noUsername",
      label: c.noUsername,
      met: username.trim().length < 3 || !password.toLowerCase().includes(username.trim().toLowerCase()),
    },
  ];
  if (policy.cnil2022) items.push({ id: "entropy", label: c.entropy, met: passwordEntropyBits(password) >= 50 });
  return items;
}
