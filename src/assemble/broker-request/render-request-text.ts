import type { BrokerRequestContent } from './broker-request-content.js';

/** The plain-text copy of the broker request: for mail readers without HTML, and for quoting in replies. */
export function renderRequestText(c: BrokerRequestContent): string {
  const blocks: string[] = [];
  if (c.missingRecipient) blocks.push(c.missingRecipient);
  blocks.push(c.greeting, ...c.paragraphs);
  for (const section of c.sections) {
    const items = section.lines.map((l, i) => {
      const indent = ' '.repeat(`${i + 1}. `.length);
      return [`${i + 1}. ${l.kind}: ${l.title}`, ...[l.where, l.detail].filter(Boolean).map((s) => indent + s)].join('\n');
    });
    blocks.push(`${section.heading.toUpperCase()}\n\n${items.join('\n\n')}`);
  }
  blocks.push(c.signature.join('\n'), c.reference);
  return blocks.join('\n\n') + '\n';
}
