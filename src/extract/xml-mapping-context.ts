import type { XmlCursor } from './xml-cursor.js';
import { SubmissionBuilder } from './submission-builder.js';

/**
 * What the ACORD XML mappers share: the builder, the document, and how `Location@id`s number the
 * locations. Every write names the XML element it came from.
 */
export class XmlMappingContext {
  readonly builder = new SubmissionBuilder();
  /** Location@id (trimmed: real senders write `id="L1 "`) → 1-based location number. */
  readonly locationNumbers = new Map<string, number>();

  constructor(
    readonly request: XmlCursor,
    private readonly documentId: string,
  ) {
    request.all('Location').forEach((loc, i) => {
      const id = loc.attr('id');
      if (id && !this.locationNumbers.has(id)) this.locationNumbers.set(id, i + 1);
    });
  }

  /** Stores the value as written in the XML; returns whether there was one. */
  put(modelPath: string, raw: string | undefined, xmlPath: string): boolean {
    if (raw === undefined) return false;
    return this.builder.set(modelPath, raw, { document: this.documentId, page: null, rect: null, method: 'acord-xml', field: xmlPath });
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
