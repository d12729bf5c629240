import { LIMITS_ENV, mega, type Limits } from '../../config/limits.js';
import { AcordPrepError, DeadlineExceededError } from '../../errors.js';
import { describeFileKind, type FileKind } from '../file-kinds/sniff-file-kind.js';

/** The refusal of a document that ran past `msPerDocument`, on `page` when known. */
export const deadlineExceeded = (fileName: string, limits: Limits, page?: number) =>
  new DeadlineExceededError(
    fileName,
    `reading took longer than the ${mega(limits.msPerDocument / 1000, 1)} s allowed per document; split the file, or raise msPerDocument in ${LIMITS_ENV} if such files are expected`,
    page,
  );

/** A refusal of a file read as a PDF, an image or XML says which it was taken for, so a wrong guess shows. */
export function namingKind(err: unknown, kind: FileKind): unknown {
  if (err instanceof AcordPrepError && kind.kind !== 'unknown') {
    const note = ` (file read as ${describeFileKind(kind)})`;
    if (!err.message.endsWith(note)) err.message += note;
  }
  return err;
}
