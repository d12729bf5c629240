import type { IntakeRefusalCode } from '../../schemas/intake.js';
import { AcordPrepError } from '../errors.js';

/**
 * An inbox entry that will not be taken: the same bytes are refused the same way, so the entry goes to
 * quarantine with this message beside it. `file` is the entry's name (or the zip entry / attachment at fault).
 */
export class IntakeRefusedError extends AcordPrepError {
  constructor(
    file: string,
    readonly refusal: IntakeRefusalCode,
    detail: string,
  ) {
    super(file, refusal, detail);
  }
}
