import { PDFDocument, PDFName } from 'pdf-lib';

/**
 * A Letter page covered in `shapes` small filled letter-like outlines (no text, no image): read as a
 * vector-outline page, so rendered and read by OCR — one slow page, for the deadline inside a page.
 */
export async function pdfOfOutlines(shapes: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([612, 792]);
  const ops: string[] = [];
  for (let i = 0; i < shapes; i++) {
    const x = 20 + ((i * 7) % 570);
    const y = 20 + ((Math.floor((i * 7) / 570) * 9) % 750);
    ops.push(`${x} ${y} m ${x + 2} ${y + 6} ${x + 4} ${y + 6} ${x + 5} ${y} c ${x + 4} ${y} l ${x + 2.5} ${y + 4} ${x + 1} ${y} l h f`);
  }
  page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.flateStream(ops.join('\n'))));
  return pdf.save();
}
