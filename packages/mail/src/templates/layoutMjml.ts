import { brandSentinel as brand } from "./brandSentinel.js";

/**
 * Wraps a template body in the shared frame: the tenant's name on its colour, a white main column,
 * the tenant's contacts below. Only placeholders here, never data: MJML copies text raw.
 */
export function layoutMjml(preview: string, body: string): string {
  return `<mjml lang="fr">
  <mj-head>
    <mj-title>{{subject}}</mj-title>
    <mj-preview>${preview}</mj-preview>
    <mj-attributes>
      <mj-all font-family="Arial, Helvetica, sans-serif" />
      <mj-text font-size="16px" line-height="1.5" color="#1f1f1f" />
      <mj-button font-size="16px" font-weight="bold" background-color="${brand.primary}" color="${brand.onPrimary}" inner-padding="14px 24px" border-radius="4px" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f2f2f2">
    <mj-section background-color="${brand.primary}" padding="16px 0">
      <mj-column>
        <mj-text font-size="20px" font-weight="bold" color="${brand.onPrimary}">{{tenant.name}}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="24px 0">
      <mj-column>
${body}
      </mj-column>
    </mj-section>
    <mj-section padding="16px 0">
      <mj-column>
        <mj-text font-size="14px" color="#454545">
          <p style="margin:0">{{tenant.name}}</p>
          <p style="margin:0">Téléphone&nbsp;: <a href="tel:{{tenant.phoneHref}}" style="color:#454545">{{tenant.phone}}</a></p>
          <p style="margin:0">Courriel&nbsp;: <a href="mailto:{{tenant.email}}" style="color:#454545">{{tenant.email}}</a></p>
          <p style="margin:0"><a href="{{tenant.publicUrl}}" style="color:#454545">{{tenant.publicUrl}}</a></p>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}
