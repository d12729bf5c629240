import { deflateSync } from 'node:zlib';
import {
  PDFContentStream,
  PDFCrossRefStream,
  PDFHeader,
  PDFInvalidObject,
  PDFName,
  PDFObjectStream,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFTrailer,
  PDFWriter,
  type PDFContext,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';

/** Objects per object stream, as pdf-lib's own writer packs them. */
const OBJECTS_PER_STREAM = 50;

/**
 * pdf-lib's `save()` with object streams (PDFStreamWriter), the packet's own content streams and the object
 * streams compressed by Node's zlib instead of pako: deflating in JavaScript was a fifth of a packet's CPU
 * time. The objects written, and so every page, text, outline and link, are those `save()` writes; only
 * the compressed bytes differ. Written in one go: yielding to the event loop every 50 objects (pdf-lib's
 * default) made saving a 200-page packet 4x slower.
 */
export async function savePacketPdf(doc: PDFDocument): Promise<Uint8Array> {
  // What save() does before writing: fonts, images and embedded pages become objects.
  await doc.flush();
  return ZlibStreamWriter.of(doc.context).serializeToBuffer();
}

function flate(dict: PDFStream['dict'], contents: Uint8Array): PDFRawStream {
  dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
  return PDFRawStream.of(dict, deflateSync(contents));
}

class ZlibStreamWriter extends PDFWriter {
  static of(context: PDFContext): ZlibStreamWriter {
    return new ZlibStreamWriter(context, Infinity);
  }

  /** PDFStreamWriter.computeBufferSize, its streams deflated by zlib. */
  protected override async computeBufferSize() {
    const context = this.context;
    let objectNumber = context.largestObjectNumber + 1;
    const header = PDFHeader.forVersion(1, 7);
    let size = header.sizeInBytes() + 2;
    const xrefStream = PDFCrossRefStream.create(this.createTrailerDict(), true);
    const written: [PDFRef, PDFObject][] = [];
    const chunks: { ref: PDFRef; objects: [PDFRef, PDFObject][] }[] = [];
    const add = (ref: PDFRef, object: PDFObject) => {
      xrefStream.addUncompressedEntry(ref, size);
      size += this.computeIndirectObjectSize([ref, object]);
      written.push([ref, object]);
    };
    for (const [ref, object] of context.enumerateIndirectObjects()) {
      const alone = ref === context.trailerInfo.Encrypt || object instanceof PDFStream || object instanceof PDFInvalidObject || ref.generationNumber !== 0;
      if (alone) {
        add(ref, object instanceof PDFContentStream ? flate(object.dict, object.getUnencodedContents()) : object);
        continue;
      }
      let chunk = chunks.at(-1);
      if (!chunk || chunk.objects.length === OBJECTS_PER_STREAM) chunks.push((chunk = { ref: PDFRef.of(objectNumber++), objects: [] }));
      xrefStream.addCompressedEntry(ref, chunk.ref, chunk.objects.length);
      chunk.objects.push([ref, object]);
    }
    for (const { ref, objects } of chunks) {
      const stream = PDFObjectStream.withContextAndObjects(context, objects, false);
      add(ref, flate(stream.dict, stream.getUnencodedContents()));
    }
    const xrefRef = PDFRef.of(objectNumber++);
    xrefStream.dict.set(PDFName.of('Size'), context.obj(objectNumber));
    xrefStream.addUncompressedEntry(xrefRef, size);
    const xrefOffset = size;
    size += this.computeIndirectObjectSize([xrefRef, xrefStream]);
    written.push([xrefRef, xrefStream]);
    const trailer = PDFTrailer.forLastCrossRefSectionOffset(xrefOffset);
    size += trailer.sizeInBytes();
    return { size, header, indirectObjects: written, trailer };
  }
}
