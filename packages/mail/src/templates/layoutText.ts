/** The plain-text counterpart of the MJML layout: tenant name above, contacts below. */
export function layoutText(body: string): string {
  return `{{tenant.name}}

${body.trim()}

--
{{tenant.name}}
Téléphone : {{tenant.phone}}
Courriel : {{tenant.email}}
{{tenant.publicUrl}}
`;
}
