import type { XmlCursor } from './xml-cursor.js';
import { SubmissionBuilder } from './submission-builder.js';

type Numbered = { number: number; cursor: XmlCursor };
type NumberedLocation = Numbered & { subLocations: ReadonlyMap<string, Numbered> };

/**
 * What the ACORD XML mappers share: the builder, the document, and how `Location@id`s number the
 * locations. Every write names the XML element it came from.
 */
export class XmlMappingContext {
  readonly builder = new SubmissionBuilder();
  /** Location@id (trimmed: real senders write `id="L1 "`) → the location, its 1-based number and its SubLocations by id. */
  readonly locations = new Map<string, NumberedLocation>();

  constructor(
    readonly request: XmlCursor,
    private readonly documentId: string,
  ) {
    request.all('Location').forEach((cursor, i) => {
      const id = cursor.attr('id');
      if (!id || this.locations.has(id)) return;
      const subLocations = new Map<string, Numbered>();
      cursor.all('SubLocation').forEach((sub, j) => {
        const subId = sub.attr('id');
        if (subId && !subLocations.has(subId)) subLocations.set(subId, { number: j + 1, cursor: sub });
      });
      this.locations.set(id, { number: i + 1, cursor, subLocations });
    });
  }

  /** The 1-based number a LocationRef stands for; an unknown ref is kept as written. */
  locationNumber(ref: string): string {
    return String(this.locations.get(ref)?.number ?? ref);
  }

  private readonly written = new Set<string>();

  /**
   * Stores the value as written in the XML; returns whether there was one. `label` says what the
   * element holds where its path cannot (a TaxId is a FEIN or an SSN as its TaxIdTypeCd says).
   */
  put(modelPath: string, raw: string | undefined, xmlPath: string, label = xmlPath): boolean {
    if (raw === undefined) return false;
    const stored = this.builder.set(modelPath, raw, { document: this.documentId, page: null, rect: null, method: 'acord-xml', field: xmlPath }, 1, label);
    if (stored) this.written.add(modelPath);
    return stored;
  }

  /** Whether a value was stored at that model path: a specific source is read before a general one. */
  has(modelPath: string): boolean {
    return this.written.has(modelPath);
  }

  /** Stores the text found at `steps` below `from`. */
  read(modelPath: string, from: XmlCursor | undefined, steps: string): boolean {
    const at = from?.at(steps);
    return this.put(modelPath, at?.text || undefined, at?.path ?? '');
  }

  /** Checks a box the XML states as a code or an element's presence; `xmlPath` names what said so. */
  check(modelPath: string, xmlPath: string): void {
    this.put(modelPath, '1', xmlPath);
  }
}
