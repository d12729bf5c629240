import { getAtPath } from '../../model/model-path.js';

/** One concrete path a pattern stands for, with what each of its `[*]` became (`[2]` or `.ABB`). */
export type Expansion = { path: string; stars: string[] };

export type ExpandOptions = {
  /** Where a list is empty or absent, stand for its first row (`[0]`): a checklist asks for at least one. */
  placeholder?: boolean;
  /** The keys a `[*]` over a group (not a list) must cover, by the concrete path of the group; else its present keys. */
  keysOf?: (groupPath: string) => readonly string[] | undefined;
};

const STAR = '[*]';

/**
 * Every concrete path of `pattern` in `root`: `[*]` over a list gives its rows (`premises[1]`), over a
 * group its keys (`questions.ABB`). Without `placeholder`, a pattern over absent rows gives nothing.
 */
export function expandPattern(root: unknown, pattern: string, options: ExpandOptions = {}): Expansion[] {
  const at = pattern.indexOf(STAR);
  if (at < 0) return [{ path: pattern, stars: [] }];
  const prefix = pattern.slice(0, at);
  const rest = pattern.slice(at + STAR.length);
  const node = getAtPath(root, prefix);
  let stars: string[];
  if (Array.isArray(node)) stars = node.flatMap((row, i) => (row === null || row === undefined ? [] : [`[${i}]`]));
  else {
    const keys = options.keysOf?.(prefix) ?? (node && typeof node === 'object' ? Object.keys(node) : []);
    stars = keys.map((k) => `.${k}`);
  }
  if (!stars.length && options.placeholder && !options.keysOf?.(prefix)) stars = ['[0]'];
  return stars.flatMap((star) =>
    expandPattern(root, `${prefix}${star}${rest}`, options).map((e) => ({ path: e.path, stars: [star, ...e.stars] })),
  );
}

/** `pattern` with its `[*]` replaced, in order, by the rows of another expansion (the same rows of a sibling pattern). */
export function bindStars(pattern: string, stars: readonly string[]): string {
  let i = 0;
  return pattern.replaceAll(STAR, () => stars[i++] ?? STAR);
}

/** Matches the concrete paths a pattern stands for. */
export function patternRegex(pattern: string): RegExp {
  const body = pattern
    .split(STAR)
    .map((part) => part.replace(/[.[\]]/g, (c) => `\\${c}`))
    .join('(?:\\[\\d+\\]|\\.[A-Za-z0-9]+)');
  return new RegExp(`^${body}$`);
}
