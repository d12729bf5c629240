import { PDFObjectCopier, PDFPage, type PDFDocument } from 'pdf-lib';

// One copier per original and packet: what the original's crops and its copied pages share is copied once.
const copiers = new WeakMap<PDFDocument, WeakMap<PDFDocument, PDFObjectCopier>>();

/**
 * The copier of `source`'s objects into `packet`. Flag crops (vector-page-crops.ts) and the original's own
 * pages (append-originals.ts) go through the same one, so the fonts, resources and widget appearances a crop
 * copied are the ones its page uses later, not a second copy of each.
 */
export function copierFor(packet: PDFDocument, source: PDFDocument): PDFObjectCopier {
  let bySource = copiers.get(packet);
  if (!bySource) copiers.set(packet, (bySource = new WeakMap()));
  let copier = bySource.get(source);
  if (!copier) bySource.set(source, (copier = PDFObjectCopier.for(source.context, packet.context)));
  return copier;
}

/** Appends every page of `source` to `packet`, as pdf-lib's copyPages and addPage do, through copierFor. */
export function appendAllPages(packet: PDFDocument, source: PDFDocument): void {
  const copier = copierFor(packet, source);
  for (const page of source.getPages()) {
    const node = copier.copy(page.node);
    packet.addPage(PDFPage.of(node, packet.context.register(node), packet));
  }
}
