/** fontkit (pdfkit's own font parser) ships no types; this is the little the certificate PDF uses. */
declare module 'fontkit' {
  /** A parsed font. pdfkit takes one as a font source: it checks for `layout` and skips parsing. */
  export interface Font {
    postscriptName: string;
    layout(text: string): unknown;
    /** Glyph objects by id, each holding the code points it was first asked for. */
    _glyphs: Record<number, unknown>;
  }
  export function create(buffer: Buffer | Uint8Array, postscriptName?: string): Font;
}
