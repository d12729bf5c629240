import { valueTypeAt } from '../../read/extract/submission-builder.js';
import { canCarry, type XmlNode } from './xml-node.js';

/** A value as the model holds it: '2025-07-01', '1000000.00', 12, true, '+15125550142'. */
export type ModelScalar = string | number | boolean;

/** One model value to export: as the model holds it (null when it did not normalize) and as it was read. */
export type ModelValue = { value: ModelScalar | null; raw: string };

/** What the XML says for one model path, and which element says it (`suffix` names an attribute: `@LocationRef`). */
type Emission = { path: string; raw: string; node: XmlNode; suffix: string };

/** "+15125550142" → "+1-512-5550142", as quoting platforms send phone numbers; other numbers as the model holds them. */
function xmlPhone(e164: string): string {
  const m = /^\+1(\d{3})(\d{7})(?:;ext=(\d+))?$/.exec(e164);
  if (!m) return e164.replace(/;ext=(\d+)$/, ' x$1');
  return `+1-${m[1]}-${m[2]}${m[3] ? ` x${m[3]}` : ''}`;
}

/**
 * The model values being exported, keyed by model path, and the record of what became of each:
 * written (with the element that says it) or skipped (with why). A value is written as the model
 * holds it, in the form ACORD XML writes its type; one that did not normalize is written as it was
 * read, so it reads back as the same unparsed text.
 */
export class ExportValues {
  readonly emitted: Emission[] = [];
  readonly skipped = new Map<string, string>();
  private readonly written = new Set<string>();

  constructor(private readonly values: ReadonlyMap<string, ModelValue>) {}

  paths(): string[] {
    return [...this.values.keys()];
  }

  /** Whether the model holds a value at `path` that is still to be written. */
  has(path: string): boolean {
    return this.values.has(path) && !this.skipped.has(path);
  }

  isTrue(path: string): boolean {
    return this.has(path) && this.values.get(path)!.value === true;
  }

  value(path: string): ModelScalar | null | undefined {
    return this.has(path) ? this.values.get(path)!.value : undefined;
  }

  /** The text XML writes for the value at `path`, if any. */
  text(path: string): string | undefined {
    if (!this.has(path)) return undefined;
    const { value, raw } = this.values.get(path)!;
    if (value === null) return raw;
    if (valueTypeAt(path) === 'phone') return xmlPhone(String(value));
    return String(value);
  }

  /** How many entries the list at `prefix` has (`premises` → premises[0], premises[1] …). */
  count(prefix: string): number {
    let n = 0;
    const head = `${prefix}[`;
    for (const p of this.values.keys()) {
      if (p.startsWith(head)) n = Math.max(n, Number(/^\d+/.exec(p.slice(head.length))![0]) + 1);
    }
    return n;
  }

  /** The paths still to be written below `prefix`. */
  below(prefix: string): string[] {
    return [...this.values.keys()].filter((p) => (p.startsWith(`${prefix}.`) || p.startsWith(`${prefix}[`)) && this.has(p) && !this.written.has(p));
  }

  /** Writes the value at `path` as element `name` under `parent` (its text through `format`); nothing when there is none. */
  put(parent: XmlNode, name: string, path: string, format: (text: string) => string = (t) => t): XmlNode | undefined {
    const out = this.carry(path, format);
    if (out === undefined) return undefined;
    const node = parent.add(name, out);
    this.note(path, out, node);
    return node;
  }

  /** The text to write for `path` (through `format`), or undefined when there is none or XML cannot carry it (then skipped). */
  carry(path: string, format: (text: string) => string = (t) => t): string | undefined {
    const text = this.text(path);
    if (text === undefined) return undefined;
    const out = format(text);
    if (canCarry(out)) return out;
    this.skip(path, 'holds characters XML 1.0 cannot carry (control characters)');
    return undefined;
  }

  /** Records that `node` (or its attribute `suffix`) says the value at `path`, read back as `raw`. */
  note(path: string, raw: string, node: XmlNode, suffix = ''): void {
    if (!this.has(path) || this.written.has(path)) return;
    this.written.add(path);
    this.emitted.push({ path, raw, node, suffix });
  }

  skip(path: string, why: string): void {
    if (this.values.has(path) && !this.written.has(path) && !this.skipped.has(path)) this.skipped.set(path, why);
  }

  isWritten(path: string): boolean {
    return this.written.has(path);
  }
}
