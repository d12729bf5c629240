import type { XmlElement } from './safe-xml.js';

/** ACORD P&C XML, versioned (`ACORD1.7.0`) or not (`ACORD1`). */
const ACORD_NS = /^https?:\/\/www\.acord\.org\/standards\/PC_Surety\/ACORD[\d.]*\/xml\/?$/i;

/** ACORD elements are in the ACORD namespace or, in many real documents, in none; anything else is a carrier's extension. */
export function isAcordElement(el: XmlElement): boolean {
  return el.ns === null || ACORD_NS.test(el.ns);
}

/**
 * An ACORD element with the path it was reached by (`InsuredOrPrincipal[1]/GeneralPartyInfo`), so every
 * value read through it can name its source. Children in other namespaces are invisible through it.
 * Every element whose text is taken through a cursor is added to `reads`, which the cursors reached
 * from one root share, so what a mapping left unread can be listed afterwards.
 */
export class XmlCursor {
  constructor(
    readonly el: XmlElement,
    readonly path: string,
    readonly reads: Set<XmlElement> = new Set(),
  ) {}

  private childPath(name: string, index: number | null): string {
    const step = index === null ? name : `${name}[${index}]`;
    return this.path ? `${this.path}/${step}` : step;
  }

  private named(name: string): XmlElement[] {
    return this.el.children.filter((c) => c.name === name && isAcordElement(c));
  }

  /** All children of that name. Paths carry a 0-based index only where the name repeats, as people read them. */
  all(name: string): XmlCursor[] {
    const found = this.named(name);
    return found.map((c, i) => new XmlCursor(c, this.childPath(name, found.length > 1 ? i : null), this.reads));
  }

  /** The first child of that name. */
  one(name: string): XmlCursor | undefined {
    return this.all(name)[0];
  }

  /** Follows `A/B/C` through first children. */
  at(steps: string): XmlCursor | undefined {
    let cur: XmlCursor | undefined = this;
    for (const step of steps.split('/')) cur = cur?.one(step);
    return cur;
  }

  /** Text at `A/B/C`, undefined when absent or blank. */
  textAt(steps: string): string | undefined {
    return this.at(steps)?.text || undefined;
  }

  /** Text at `A/B/C` looked at to choose what to read, not kept: it does not count as read. */
  peekAt(steps: string): string | undefined {
    return this.at(steps)?.el.text || undefined;
  }

  /** Counts the text at `A/B/C` as read without taking it: a code whose whole meaning was the choice it made. */
  consume(steps: string): void {
    void this.at(steps)?.text;
  }

  attr(name: string): string | undefined {
    return this.el.attrs.get(name)?.trim() || undefined;
  }

  get text(): string {
    if (this.el.text) this.reads.add(this.el);
    return this.el.text;
  }

  get name(): string {
    return this.el.name;
  }
}
