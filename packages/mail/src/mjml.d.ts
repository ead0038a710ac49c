// mjml 5 ships no type declarations; this covers the one call we make.
declare module "mjml" {
  export interface MjmlError {
    line: number;
    message: string;
    tagName: string;
    formattedMessage: string;
  }
  export interface MjmlOptions {
    validationLevel?: "strict" | "soft" | "skip";
    keepComments?: boolean;
    fonts?: Record<string, string>;
    minify?: boolean;
    beautify?: boolean;
  }
  /** Async since mjml 5. */
  export default function mjml2html(input: string, options?: MjmlOptions): Promise<{ html: string; errors: MjmlError[] }>;
}
