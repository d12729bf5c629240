import { AcordPrepError } from '../errors.js';
import { describeFileKind, type FileKind } from '../file-kinds/sniff-file-kind.js';

/** A refusal of a file read as a PDF, an image or XML says which it was taken for, so a wrong guess shows. */
export function namingKind(err: unknown, kind: FileKind): unknown {
  if (err instanceof AcordPrepError && kind.kind !== 'unknown') {
    const note = ` (file read as ${describeFileKind(kind)})`;
    if (!err.message.endsWith(note)) err.message += note;
  }
  return err;
}
