/**
 * MJML refuses a placeholder where it expects a colour, so templates use these unlikely colours
 * instead; once compiled, each is swapped for the Handlebars placeholder `{{brand.<key>}}`.
 */
export const brandSentinel = {
  primary: "#a1b2c3",
  onPrimary: "#a1b2c4",
  link: "#a1b2c5",
} as const;
