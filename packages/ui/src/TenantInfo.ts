/** What the pages show of the local authority (tenant.info). */
export interface TenantInfo {
  readonly name: string;
  readonly phone: string;
  readonly email: string;
  readonly primaryColor: string;
  /** Paragraphs separated by blank lines. */
  readonly cgu: string;
  /** A part [between brackets] links to dataPolicy. */
  readonly dataNotice: string;
  readonly dataPolicy?: string;
  readonly news: ReadonlyArray<{ readonly date: string; readonly title: string; readonly text: string; readonly isNew?: boolean }>;
  readonly captchaDisabled: boolean;
}
