/** Pixels per inch across (x) and down (y): fax modes differ, e.g. 204 × 98. */
export type Density = { x: number; y: number };

const LETTER_SHORT_SIDE_IN = 8.5;
const COMMON_DPI = [100, 150, 200, 240, 300, 400, 600];

/**
 * The resolution to trust for a scanned page: the file's own when it describes a page-sized sheet,
 * else the page is taken for US Letter (8.5 in on its short side). Files often carry a default 72 or
 * 96 dpi that means "unknown": 2550 px at 72 dpi would be a sheet 35 in wide.
 */
export function scanDensity(width: number, height: number, declared: Density | null): Density {
  if (declared && declared.x > 0 && declared.y > 0) {
    const short = Math.min(width / declared.x, height / declared.y);
    const long = Math.max(width / declared.x, height / declared.y);
    // Metric units only approximate round dpi: PNG's 5906 pixels per metre is 150.01 dpi.
    if (short >= 3 && short <= 14 && long <= 24) return { x: Math.round(declared.x), y: Math.round(declared.y) };
  }
  const inferred = Math.min(width, height) / LETTER_SHORT_SIDE_IN;
  // A4 and trimmed scans come out a few per cent off the scanner's real setting.
  const snapped = COMMON_DPI.find((dpi) => Math.abs(inferred / dpi - 1) <= 0.04) ?? Math.round(inferred);
  return { x: snapped, y: snapped };
}
