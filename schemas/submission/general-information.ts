import { z } from 'zod';
import { F, Questions } from '../fields.js';

/** Nature of business and the 125's general-information questions with their explanation boxes. */
export const GeneralInformation = z.object({
  questions: Questions,
});
