/** The plain-text counterpart of the MJML layout: tenant name above, contacts below. */
export function layoutText(body: string): string {
  return `{{tenant.name}}

${body.trim()}

--
{{tenant.name}}
Téléphone\u00a0: {{tenant.phone}}
Courriel\u00a0: {{tenant.email}}
{{tenant.publicUrl}}
`;
}
