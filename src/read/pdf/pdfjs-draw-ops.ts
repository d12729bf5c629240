/** The opcodes pdfjs packs each constructPath's path into a flat buffer with (its DrawOPS, which it does not export). */
export const DRAW_OPS = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;
