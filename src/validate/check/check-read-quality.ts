import type { Flag } from '../../../schemas/flag.js';
import { REVIEW_THRESHOLD } from '../../config/review-threshold.js';
import type { CheckContext } from './check-context.js';
import { makeFlag, shownValue } from './make-flag.js';

/** Values read with less confidence than the review threshold: a person compares them with the page. */
export function checkConfidence(ctx: CheckContext): Flag[] {
  return ctx.leaves.flatMap(({ path, leaf }) => {
    if (leaf.confidence >= REVIEW_THRESHOLD || leaf.source.method === 'reviewer') return [];
    const value = shownValue(leaf, path);
    return [
      makeFlag({
        rule: 'low-confidence',
        path,
        code: 'low-confidence',
        severity: 'warning',
        when: 'quote',
        message: `Read as "${value}" with confidence ${leaf.confidence.toFixed(2)} (under ${REVIEW_THRESHOLD}); check it on the page.`,
        source: ctx.locator.ofLeaf(leaf, path),
        value,
      }),
    ];
  });
}

/** Boxes, pages and files the extraction could not read: what they hold is unknown until someone looks. */
export function checkUnreadable(ctx: CheckContext): Flag[] {
  const flags: Flag[] = [];
  for (const file of ctx.outcome?.files ?? []) {
    const docIndex = ctx.submission.documents.findIndex((d) => d.id === file.document);
    const doc = ctx.submission.documents[docIndex];
    for (const box of file.fieldsNotRead) {
      const form = doc?.forms.find((f) => f.pages.includes(box.page))?.form;
      const label = form && ctx.locator.ofMissing(box.path, form).label;
      flags.push(
        makeFlag({
          rule: 'field-not-read',
          path: box.path,
          code: 'unreadable',
          severity: 'warning',
          when: 'quote',
          message: `A box on page ${box.page} of ${file.fileName} could not be read (${box.reason}); read it from the page.`,
          source: {
            document: file.document,
            fileName: file.fileName,
            ...(form ? { form } : {}),
            page: box.page,
            rect: box.rect,
            ...(label ? { label } : {}),
            field: box.field,
          },
        }),
      );
    }
    for (const page of file.pagesNotRead) {
      const flag = makeFlag({
        rule: 'page-not-read',
        path: docIndex >= 0 ? `documents[${docIndex}]` : 'documents',
        code: 'unreadable',
        severity: 'warning',
        when: 'quote',
        message: `Page ${page.page} of ${file.fileName} was not read (${page.detail}); look at it.`,
        source: { document: file.document, fileName: file.fileName, page: page.page, rect: null },
      });
      flags.push({ ...flag, id: `${flag.id}#page-${page.page}` });
    }
    if (file.status === 'failed') {
      const flag = makeFlag({
        rule: 'file-not-read',
        path: 'documents',
        code: 'unreadable',
        severity: 'warning',
        when: 'quote',
        message: `${file.fileName} could not be read: ${file.error?.message ?? 'no reason given'}.`,
        source: file.document ? { document: file.document, fileName: file.fileName, page: null, rect: null } : null,
      });
      flags.push({ ...flag, id: `${flag.id}#${file.fileName}` });
    }
  }
  return flags;
}
