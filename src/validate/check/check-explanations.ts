import type { Flag } from '../../../schemas/flag.js';
import type { FormId } from '../../../schemas/submission.js';
import { loadTemplates } from '../../read/templates/template-registry.js';
import { givenValue, leafAt, type CheckContext } from './check-context.js';
import { makeFlag } from './make-flag.js';

let explained: Map<string, FormId> | undefined;

/** The question paths (indices as `[0]`) whose form prints an explanation box beside them, with that form. */
function explanationBoxes(): Map<string, FormId> {
  if (!explained) {
    explained = new Map();
    for (const t of loadTemplates()) {
      for (const f of t.fields) {
        const m = /^(.*\.questions\.[A-Z]{3})\.explanation$/.exec(f.path ?? '');
        if (m) explained.set(m[1]!.replace(/\[\d+\]/g, '[0]'), t.form);
      }
    }
  }
  return explained;
}

/** A question answered "Yes" whose form has an explanation box left empty. */
export function checkExplanations(ctx: CheckContext): Flag[] {
  const boxes = explanationBoxes();
  return ctx.leaves.flatMap(({ path, leaf }) => {
    const m = /^(.*\.questions\.[A-Z]{3})\.answer$/.exec(path);
    if (!m || leaf.value !== true) return [];
    const form = boxes.get(m[1]!.replace(/\[\d+\]/g, '[0]'));
    if (!form || givenValue(leafAt(ctx.submission, `${m[1]}.explanation`)) !== undefined) return [];
    const source = ctx.locator.ofLeaf(leaf, path);
    const question = source.label ? `"${source.label}"` : `question ${m[1]!.slice(-3)}`;
    return [
      makeFlag({
        rule: 'yes-needs-explanation',
        path: `${m[1]}.explanation`,
        code: 'missing',
        severity: 'blocking',
        when: 'quote',
        message: `${question} is answered Yes with no explanation.`,
        source: ctx.locator.ofMissing(`${m[1]}.explanation`, form),
      }),
    ];
  });
}
