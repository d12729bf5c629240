import type { Rect } from '../../../schemas/field.js';

export type LabelledBox = { page: number; label: string; rect: Rect };
/** Which row of its column a box is (0 = top) among `size` boxes. */
export type ColumnRank = { rank: number; size: number };

/**
 * Rows of a table, or a block repeated down a page, print one label for many boxes: a box's place
 * among the boxes of the same page and label that share its column tells which row it is.
 */
export function columnRanks(boxes: readonly LabelledBox[]): ColumnRank[] {
  const columns: number[][] = [];
  boxes.forEach((b, i) => {
    if (!b.label) return;
    const column = columns.find((c) =>
      c.some((j) => {
        const o = boxes[j]!;
        return o.page === b.page && o.label === b.label && Math.min(o.rect[0] + o.rect[2], b.rect[0] + b.rect[2]) > Math.max(o.rect[0], b.rect[0]);
      }),
    );
    if (column) column.push(i);
    else columns.push([i]);
  });
  const ranks: ColumnRank[] = boxes.map(() => ({ rank: 0, size: 1 }));
  for (const column of columns) {
    column.sort((i, j) => boxes[j]!.rect[1] - boxes[i]!.rect[1]);
    column.forEach((i, rank) => (ranks[i] = { rank, size: column.length }));
  }
  return ranks;
}
