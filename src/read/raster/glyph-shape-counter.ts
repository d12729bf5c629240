/**
 * Counts filled subpaths shaped like glyphs — curved, or with more than four corners — as a content
 * stream builds and paints its paths. Text drawn as outlines (Microsoft Print to PDF, Ghostscript's
 * -dNoOutputFonts) fills thousands on a form page; a form's rules and boxes (rectangles, stroked
 * lines) fill none, a vector logo a few dozen.
 */
export class GlyphShapeCounter {
  /** Glyph-shaped subpaths painted by a fill so far. */
  count = 0;
  /** Glyph-shaped subpaths of the path being built, counted if it is filled. */
  private pending = 0;
  private corners = 0;
  private curved = false;
  private start: [number, number] | null = null;

  moveTo(x: number, y: number): void {
    this.endSubpath();
    this.start = [x, y];
    this.corners = 1;
  }

  /** A line back to the subpath's start closes it (as `h` does): no new corner. */
  lineTo(x: number, y: number): void {
    if (!this.start || x !== this.start[0] || y !== this.start[1]) this.corners++;
  }

  curveTo(): void {
    this.curved = true;
  }

  closePath(): void {
    this.endSubpath();
  }

  /** Rules and boxes are rectangles: never a glyph. */
  rectangle(): void {
    this.endSubpath();
  }

  /** The path is painted (or, for a clip or `n`, dropped): its glyph shapes count when it is filled. */
  paint(filled: boolean): void {
    this.endSubpath();
    if (filled) this.count += this.pending;
    this.pending = 0;
  }

  private endSubpath(): void {
    if (this.curved || this.corners > 4) this.pending++;
    this.corners = 0;
    this.curved = false;
    this.start = null;
  }
}
