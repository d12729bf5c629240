/**
 * Errors a person can act on: each says which file, what is wrong and what to do. `code` is stable
 * for programs (CLI exit codes, quarantine reports); `message` is for people.
 */
export class AcordPrepError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    message: string,
    readonly page?: number,
  ) {
    super(`${file}${page ? ` (page ${page})` : ''}: ${message}`);
    this.name = new.target.name;
  }
}

export type PdfProblem = 'not-a-pdf' | 'encrypted' | 'corrupt' | 'too-large' | 'no-pages';
export class PdfReadError extends AcordPrepError {
  constructor(file: string, readonly problem: PdfProblem, detail: string) {
    super(file, `pdf-${problem}`, detail);
  }
}

export type ImageProblem = 'unsupported' | 'corrupt' | 'truncated' | 'too-large' | 'no-pages';
/** A scanned page sent as an image file (TIFF, JPEG, PNG) that cannot be read; `page` counts TIFF pages from 1. */
export class ImageReadError extends AcordPrepError {
  constructor(file: string, readonly problem: ImageProblem, detail: string, page?: number) {
    super(file, `image-${problem}`, detail, page);
  }
}

export type XmlProblem = 'malformed' | 'entities' | 'not-acord' | 'unsupported-request' | 'too-large';
export class XmlReadError extends AcordPrepError {
  constructor(file: string, readonly problem: XmlProblem, detail: string) {
    super(file, `xml-${problem}`, detail);
  }
}

/** The input opened fine but holds no ACORD 125, 126 or 140 that we know. */
export class UnknownFormError extends AcordPrepError {
  constructor(file: string, detail: string) {
    super(file, 'unknown-form', detail);
  }
}

export class UnsupportedFileError extends AcordPrepError {
  constructor(file: string, detail: string) {
    super(file, 'unsupported-file', detail);
  }
}

/** Reading one document took longer than the per-document time limit (`msPerDocument`, src/config/limits.ts). */
export class DeadlineExceededError extends AcordPrepError {
  constructor(file: string, detail: string, page?: number) {
    super(file, 'deadline-exceeded', detail, page);
  }
}
