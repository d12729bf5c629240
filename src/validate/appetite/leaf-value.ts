/**
 * A leaf's normalized value as the type a rule compares. The model types values loosely (unknown),
 * so each is checked here; a value that could not be normalized (null) counts as absent.
 */
type Leaf = { value?: unknown } | undefined;

export const textOf = (leaf: Leaf): string | undefined => (typeof leaf?.value === 'string' && leaf.value !== '' ? leaf.value : undefined);

/** Integers, decimals, percents and years as numbers; money (a string "1250.00") too. */
export function numberOf(leaf: Leaf): number | undefined {
  const v = leaf?.value;
  if (typeof v === 'number') return v;
  return typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;
}
