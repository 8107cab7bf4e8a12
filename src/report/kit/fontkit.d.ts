/** The one function of fontkit (pdfkit's font engine, a dependency of ours at pdfkit's version) the kit uses. */
declare module 'fontkit' {
  /** Parses a font file; pdfkit's registerFont accepts the result in place of the bytes. */
  export function create(buffer: Uint8Array, postscriptName?: string): unknown;
}
