/**
 * Affine map from template page coordinates (PDF points, origin bottom-left, y up) to image pixels
 * (origin top-left, y down): px = a·x + c·y + e, py = b·x + d·y + f. Rotation, scale and shift of a
 * scanned page all live in it, so a field box is read by sampling the image through it.
 */
export type PageTransform = { a: number; b: number; c: number; d: number; e: number; f: number };

export function applyTransform(t: PageTransform, x: number, y: number): [number, number] {
  return [t.a * x + t.c * y + t.e, t.b * x + t.d * y + t.f];
}

/** The transform of an upright page rendered or scanned at `dpi` with no shift: what alignment starts from. */
export function uprightTransform(pageHeightPt: number, dpi: number): PageTransform {
  const s = dpi / 72;
  return { a: s, b: 0, c: 0, d: -s, e: 0, f: pageHeightPt * s };
}
