/**
 * A DKIM signing key: the domain that vouches for the sender (`d=`), the DNS selector under which its
 * public key is published (`<selector>._domainkey.<domain>` TXT), and the private key in PEM.
 */
export interface DkimKey {
  readonly domain: string;
  readonly selector: string;
  readonly privateKey: string;
}

/** Nodemailer's own signer (relaxed canonicalisation, rsa-sha256) with our names for its options. */
export const nodemailerDkim = (key: DkimKey) => ({ domainName: key.domain, keySelector: key.selector, privateKey: key.privateKey });
