import { PDFHexString, PDFName, PDFNumber, type PDFDocument, type PDFRef } from 'pdf-lib';
import type { PacketEntry } from './packet-context.js';

/**
 * The document outline (bookmarks) a reader shows beside the pages: pdf-lib has no API for it, so the
 * /Outlines tree is written as dictionaries, each item linked to its parent and siblings and pointing
 * at its page. Every item is open (positive /Count) so the forms of each original show at once.
 */
export function addOutline(doc: PDFDocument, entries: readonly PacketEntry[]): void {
  if (!entries.length) return;
  const { context } = doc;
  const pages = doc.getPages();
  const visible = (list: readonly PacketEntry[]): number => list.reduce((n, e) => n + 1 + visible(e.children ?? []), 0);
  const build = (list: readonly PacketEntry[], parent: PDFRef): PDFRef[] => {
    const refs = list.map(() => context.nextRef());
    list.forEach((entry, i) => {
      const item = context.obj({ Title: PDFHexString.fromText(entry.title), Parent: parent, Dest: [pages[entry.page]!.ref, 'Fit'] });
      if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!);
      const children = entry.children ?? [];
      if (children.length) {
        const childRefs = build(children, refs[i]!);
        item.set(PDFName.of('First'), childRefs[0]!);
        item.set(PDFName.of('Last'), childRefs[childRefs.length - 1]!);
        item.set(PDFName.of('Count'), PDFNumber.of(visible(children)));
      }
      context.assign(refs[i]!, item);
    });
    return refs;
  };
  const root = context.nextRef();
  const top = build(entries, root);
  context.assign(root, context.obj({ Type: 'Outlines', First: top[0]!, Last: top[top.length - 1]!, Count: visible(entries) }));
  doc.catalog.set(PDFName.of('Outlines'), root);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
