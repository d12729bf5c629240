/**
 * The 8-connected parts of the ink of a grey image (pixels darker than `below`): each pixel's part
 * (`label`, -1 for paper), numbered in the order their first pixels come row by row, and each part's
 * bounding box and pixel count. Union-find over one pass, then one pass to number the parts: a crop's
 * strokes (erase-rules) and a line's glyphs (line-glyphs) are found by it.
 */
export function inkComponents(data: Uint8Array, width: number, height: number, below: number): { label: Int32Array; x0: number[]; y0: number[]; x1: number[]; y1: number[]; area: number[] } {
  const parent = new Int32Array(width * height).fill(-1);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (data[i]! >= below) continue;
      parent[i] = i;
      if (x > 0 && parent[i - 1]! >= 0) union(i, i - 1);
      if (y > 0) {
        const up = i - width;
        if (parent[up]! >= 0) union(i, up);
        if (x > 0 && parent[up - 1]! >= 0) union(i, up - 1);
        if (x < width - 1 && parent[up + 1]! >= 0) union(i, up + 1);
      }
    }
  }
  const label = new Int32Array(width * height).fill(-1);
  const x0: number[] = [];
  const y0: number[] = [];
  const x1: number[] = [];
  const y1: number[] = [];
  const area: number[] = [];
  for (let i = 0; i < parent.length; i++) {
    if (parent[i]! < 0) continue;
    const r = find(i);
    const x = i % width;
    const y = (i - x) / width;
    let l = label[r]!;
    if (l < 0) {
      l = label[r] = x0.length;
      x0.push(x);
      y0.push(y);
      x1.push(x);
      y1.push(y);
      area.push(1);
    } else {
      area[l]!++;
      if (x < x0[l]!) x0[l] = x;
      if (x > x1[l]!) x1[l] = x;
      y1[l] = y;
    }
    label[i] = l;
  }
  return { label, x0, y0, x1, y1, area };
}
