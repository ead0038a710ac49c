/** What the pages show of the local authority (tenant.info). */
export interface TenantInfo {
  readonly name: string;
  /** The name as a tab's title can hold it, e.g. CCPLM. */
  readonly shortName: string;
  readonly phone: string;
  readonly email: string;
  readonly primaryColor: string;
  /** Paragraphs separated by blank lines. */
  readonly cgu: string;
  readonly dataNotice: string;
  readonly news: ReadonlyArray<{ readonly date: string; readonly title: string; readonly text: string }>;
  readonly captchaDisabled: boolean;
}
