/** An element being written; text and children are exclusive. */
export class XmlNode {
  readonly children: XmlNode[] = [];
  constructor(
    readonly name: string,
    readonly text: string | undefined,
    readonly attrs: readonly [string, string][] = [],
  ) {}

  add(name: string, text?: string | number, attrs: [string, string][] = []): XmlNode {
    const child = new XmlNode(name, text === undefined ? undefined : String(text), attrs);
    this.children.push(child);
    return child;
  }

  /** The first child of that name, added (empty) when there is none. */
  one(name: string): XmlNode {
    return this.children.find((c) => c.name === name && c.text === undefined) ?? this.add(name);
  }
}

/**
 * Escapes character data. A carriage return is written as a reference, since a parser turns a
 * literal one into a line feed.
 */
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#13;');

/** Escapes an attribute value: a parser turns a literal tab or line break in one into a space. */
const escapeAttr = (s: string) => escape(s).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');

/** Characters XML 1.0 cannot carry at all, not even as a reference. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export const canCarry = (text: string) => !NOT_XML.test(text);

function serialize(node: XmlNode, depth: number): string {
  const pad = '  '.repeat(depth);
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  if (node.text !== undefined) return `${pad}<${node.name}${attrs}>${escape(node.text)}</${node.name}>\n`;
  return `${pad}<${node.name}${attrs}>\n${node.children.map((c) => serialize(c, depth + 1)).join('')}${pad}</${node.name}>\n`;
}

/** Drops containers left empty (no text, attributes or children), which say nothing. */
export function pruneEmpty(node: XmlNode): boolean {
  if (node.text !== undefined) return true;
  const kept = node.children.filter(pruneEmpty);
  node.children.splice(0, node.children.length, ...kept);
  return kept.length > 0 || node.attrs.length > 0;
}

/** The document, UTF-8, two-space indented. */
export function serializeXml(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root, 0)}`;
}

/** Element paths below `root`, indexed (0-based) only where a name repeats among siblings, as the XML reader names sources. */
export function elementPaths(root: XmlNode): Map<XmlNode, string> {
  const paths = new Map<XmlNode, string>([[root, '']]);
  const walk = (node: XmlNode, path: string) => {
    for (const child of node.children) {
      const same = node.children.filter((c) => c.name === child.name);
      const step = same.length > 1 ? `${child.name}[${same.indexOf(child)}]` : child.name;
      const childPath = path ? `${path}/${step}` : step;
      paths.set(child, childPath);
      walk(child, childPath);
    }
  };
  walk(root, '');
  return paths;
}
