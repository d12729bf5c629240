import { alignPage } from '../align/align-page.js';
import { uprightFooter, type UprightImage } from '../align/page-orientation.js';
import { formWithTemplates, type Footer } from '../identify/read-footers.js';
import type { Ocr } from '../ocr/ocr-engine.js';
import { firstReadFields, type HeldReading } from '../ocr/read-fields-from-image.js';
import type { PageTransform } from '../raster/page-transform.js';
import { nearestTemplate, type LoadedTemplate } from '../templates/template-registry.js';

/** Below this share of its printed rules found, a page is not the template page we think, or unreadable. */
const MIN_ALIGNMENT_QUALITY = 0.35;

/** What a page's reading keeps of its image: where its values sit (not its pixels, 8 MB at 300 dpi). */
export type PageGeometry = Pick<UprightImage, 'width' | 'height' | 'dpi' | 'turned'>;

/** A scanned page aligned to a template page and, when it lines up, its boxes read once (not yet settled). */
export type ScannedPageRead = {
  page: PageGeometry;
  quality: number;
  transform: PageTransform;
  /** Absent when the page did not line up well enough to read. */
  readings?: HeldReading[];
};

export type ScannedPageReads = {
  /** Page `page` aligned to `template`'s page `templatePage` and read; each combination is done once. */
  of: (page: number, template: LoadedTemplate, templatePage: number) => Promise<ScannedPageRead>;
  /**
   * Starts reading page `page` as the page its printed footer names, while the rest of the document is
   * still being identified: the OCR workers read its boxes while the main thread decodes the next page.
   * Identification almost always agrees; when it does not, the early reading is simply not used.
   */
  foresee: (page: number, footer: Footer | null) => void;
};

/**
 * A document's scanned-page readings, shared by identification (which starts them as footers are read)
 * and extraction (which settles and keeps them). Read from the start, a scanned 125's workers sat idle
 * through the ~1.2 s its four pages took to decode and identify.
 */
export function scannedPageReads(imageOf: (page: number) => Promise<UprightImage>, ocr: () => Ocr): ScannedPageReads {
  const reads = new Map<string, Promise<ScannedPageRead>>();
  const of = (page: number, template: LoadedTemplate, templatePage: number) => {
    const key = `${page} ${template.form} ${template.edition} ${templatePage}`;
    let read = reads.get(key);
    if (!read) {
      read = (async () => {
        const image = await imageOf(page);
        const geometry: PageGeometry = { width: image.width, height: image.height, dpi: image.dpi, turned: image.turned };
        const { transform, quality } = alignPage(image, template.pages[templatePage - 1]!);
        if (quality < MIN_ALIGNMENT_QUALITY) return { page: geometry, quality, transform };
        return { page: geometry, quality, transform, readings: await firstReadFields(image, transform, template.fields, templatePage, ocr()) };
      })();
      // An early reading nobody takes up must not be an unhandled rejection; whoever takes it sees the error.
      read.catch(() => undefined);
      reads.set(key, read);
    }
    return read;
  };
  return {
    of,
    foresee(page, footer) {
      const form = footer && formWithTemplates(footer);
      const template = form && nearestTemplate(form, footer.edition);
      if (!template || footer.page === undefined || footer.page > template.pages.length) return;
      void of(page, template, footer.page);
    },
  };
}

/** A scanned page's printed footer, read by OCR from the page stood upright; the page's reading starts with it. */
export async function footerOfScan(page: number, imageOf: (page: number) => Promise<UprightImage>, ocr: () => Ocr, reads: ScannedPageReads): Promise<Footer | null> {
  const footer = await uprightFooter(await imageOf(page), ocr());
  reads.foresee(page, footer);
  return footer;
}
