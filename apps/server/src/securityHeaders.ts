import type { FastifyHelmetOptions } from "@fastify/helmet";

type Directives = Record<string, string[]>;

/**
 * What the apps' pages may load: their own files only. No inline script (the built pages have none), images
 * from the server or drawn in the page (QR code, captcha, photo preview), no frame around them.
 */
const appDirectives: Directives = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'none'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/**
 * The headers of every answer: a strict CSP, no framing, no sniffing, no referrer; HSTS only over HTTPS.
 * `formAction`: other origins a form may lead to (FranceConnect, whose login the button's form redirects to).
 */
export function securityHeaders(publicUrl: string, options: { formAction?: string[] } = {}): FastifyHelmetOptions {
  const https = publicUrl.startsWith("https://");
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...appDirectives,
        "form-action": [...appDirectives["form-action"]!, ...(options.formAction ?? [])],
        ...(https ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    // A year, this host only: the portal often lives beside other sites of the same authority's domain.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  };
}

/**
 * The developer pages (/dev/*, outside production, loopback only) carry their own small inline script and
 * style: these are let in by a nonce per answer, nothing else is. `extra` widens one page's policy.
 */
export function devPageHeaders(extra: Directives = {}) {
  return {
    enableCSPNonces: true,
    contentSecurityPolicy: { useDefaults: false, directives: { ...appDirectives, ...extra } },
  } as const;
}

/**
 * /dev/mail shows an e-mail's HTML in a sandboxed frame (no script runs there): the frame inherits the page's
 * policy, and an e-mail's HTML is made of inline styles, so styles are let in, scripts still are not.
 */
export const devMailHeaders = {
  contentSecurityPolicy: { useDefaults: false, directives: { ...appDirectives, "style-src": ["'self'", "'unsafe-inline'"] } },
} as const;
