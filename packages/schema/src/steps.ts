/** The steps of the registration flow, in the order the seed shows them. */
export const steps = ["welcome", "terms", "identity", "address", "contacts", "credentials", "services", "review", "captcha", "done"] as const;
export type StepId = (typeof steps)[number];

/** Steps whose answers the review page lists and the "Modifier" links can open. */
export const editableSteps = ["identity", "address", "contacts", "credentials", "services"] as const;
export type EditableStep = (typeof editableSteps)[number];
