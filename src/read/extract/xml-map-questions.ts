import type { XmlCursor } from './xml-cursor.js';
import type { XmlMappingContext } from './xml-mapping-context.js';

/**
 * QuestionAnswer → `<base>.questions.<code>`. Only the forms' own three-letter question codes have
 * a place in the model; ACORD XML's codes (GENRL06, CGL05) and carriers' codes (com.acuity_…) name
 * other question sets, and there is no crosswalk from them to the forms' questions.
 */
export function mapQuestions(ctx: XmlMappingContext, base: string, holder: XmlCursor | undefined): void {
  for (const qa of holder?.all('QuestionAnswer') ?? []) {
    const code = qa.peekAt('QuestionCd')?.toUpperCase();
    if (!code || !/^[A-Z]{3}$/.test(code)) continue;
    qa.consume('QuestionCd');
    ctx.read(`${base}.questions.${code}.answer`, qa, 'YesNoCd');
    ctx.read(`${base}.questions.${code}.explanation`, qa, 'Explanation');
  }
}
