import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DEFAULT_LIMITS, formatBytes, type Limits } from '../../config/limits.js';
import { XmlReadError } from '../../errors.js';
import { xmlEncoding } from '../file-kinds/sniff-file-kind.js';
import { clip, decodeXmlText } from './xml-text.js';

/** One element of a parsed document, namespaces resolved. */
export interface XmlElement {
  /** Local name, without prefix. */
  readonly name: string;
  /** Namespace URI, or null when the element is in no namespace. */
  readonly ns: string | null;
  /** Attributes by their name as written (prefix kept); xmlns declarations included. */
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** The element's own character data, entity references decoded, trimmed. */
  readonly text: string;
}

/** The XML limits (bytes, depth, element count) live with the others in src/config/limits.ts. */
export type XmlLimits = Pick<Limits, 'xmlBytes' | 'xmlDepth' | 'xmlElements'>;

/**
 * Start tags in the text, counted without allocating: every `<` not opening an end tag, comment,
 * CDATA, DTD or processing instruction. A `<` inside a CDATA section or comment followed by a letter
 * counts too, so the count never falls short. Stops counting past `max`.
 */
function countStartTags(xml: string, max: number): number {
  let count = 0;
  for (let i = xml.indexOf('<'); i >= 0 && count <= max; i = xml.indexOf('<', i + 1)) {
    const next = xml.charCodeAt(i + 1);
    if (next !== 0x2f && next !== 0x21 && next !== 0x3f) count++; // not '/', '!', '?'
  }
  return count;
}

/** A DTD is the only way XML can define entities (billion laughs) or pull in outside files (XXE). */
const DTD_MARK = /<!\s*(DOCTYPE|ENTITY)\b/i;

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function decodeBytes(bytes: Uint8Array, file: string): string {
  // One reading of the encoding for the file-kind sniffer and the parser: BOM, UTF-16 zero bytes, declaration.
  const { label: encoding, bom: start } = xmlEncoding(bytes);
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new XmlReadError(file, 'malformed', `declares the character encoding "${encoding}", which is not supported`);
  }
  try {
    return decoder.decode(bytes.subarray(start));
  } catch {
    throw new XmlReadError(file, 'malformed', `is not ${encoding} text: it is not an XML document (binary or wrongly encoded file)`);
  }
}

function resolveName(qname: string, scope: ReadonlyMap<string, string>): { name: string; ns: string | null } {
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  return { name: colon < 0 ? qname : qname.slice(colon + 1), ns: scope.get(prefix) || null };
}

const NO_ATTRS: ReadonlyMap<string, string> = new Map();

/** fast-xml-parser's ordered output → our tree, resolving each element's namespace from its in-scope declarations. */
function toElement(node: OrderedNode, outerScope: ReadonlyMap<string, string>): XmlElement {
  const qname = Object.keys(node).find((k) => k !== ':@')!;
  const rawAttrs = node[':@'];
  let attrs = NO_ATTRS;
  let scope = outerScope;
  if (rawAttrs) {
    const own = new Map<string, string>();
    for (const [key, value] of Object.entries(rawAttrs)) {
      const decoded = decodeXmlText(value);
      own.set(key, decoded);
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        if (scope === outerScope) scope = new Map(outerScope);
        (scope as Map<string, string>).set(key === 'xmlns' ? '' : key.slice(6), decoded.trim());
      }
    }
    attrs = own;
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of node[qname] as OrderedNode[]) {
    if ('#text' in child) text += decodeXmlText(String(child['#text']));
    else if ('#cdata' in child) text += (child['#cdata'] as { '#text': string }[]).map((c) => c['#text']).join('');
    else children.push(toElement(child, scope));
  }
  const { name, ns } = resolveName(qname, scope);
  return { name, ns, attrs, children, text: text.trim() };
}

/**
 * Parses untrusted XML into a namespace-resolved element tree, or throws an XmlReadError saying why
 * it will not: too large, carries a DTD (entity expansion and external entities are refused outright,
 * so no entity is ever expanded), not well-formed (with line and column), or nested absurdly deep.
 */
export function parseSafeXml(bytes: Uint8Array, file: string, limits: XmlLimits = DEFAULT_LIMITS): XmlElement {
  if (bytes.length > limits.xmlBytes) {
    throw new XmlReadError(
      file,
      'too-large',
      `is ${formatBytes(bytes.length)}; XML files over ${formatBytes(limits.xmlBytes)} are refused: split the file (one policy request per file)`,
    );
  }
  const xml = decodeBytes(bytes, file);
  if (xml.trim() === '') throw new XmlReadError(file, 'malformed', 'is empty');
  const dtd = DTD_MARK.exec(xml);
  if (dtd) {
    throw new XmlReadError(
      file,
      'entities',
      `contains a <!${dtd[1]!.toUpperCase()} declaration: DTDs and entity declarations are not accepted in ACORD XML (they can expand without bound or read other files)`,
    );
  }
  if (!xml.trimStart().startsWith('<')) {
    throw new XmlReadError(file, 'malformed', 'does not start with "<": it is not an XML document');
  }
  // Counted before anything is parsed: 20 MB of empty elements would otherwise build millions of nodes (1.4 GB).
  if (countStartTags(xml, limits.xmlElements) > limits.xmlElements) {
    throw new XmlReadError(
      file,
      'too-large',
      `has more than ${limits.xmlElements.toLocaleString('en-US')} elements; XML files with more are refused: split the file (one policy request per file)`,
    );
  }
  // The validator only scans (it builds no tree); the parser below builds the one tree.
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    const { line, col, msg } = verdict.err;
    const where = `line ${line}${col ? `, column ${col}` : ''}`;
    throw new XmlReadError(file, 'malformed', `is not well-formed XML: ${where}: ${clip(msg)}`);
  }

  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    // Entities are decoded by decodeXmlText (the five predefined ones and character references only).
    processEntities: false,
    cdataPropName: '#cdata',
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: limits.xmlDepth,
  });
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(xml) as OrderedNode[];
  } catch (err) {
    const message = (err as Error).message;
    if (/nested/i.test(message)) {
      throw new XmlReadError(file, 'too-large', `nests elements deeper than ${limits.xmlDepth} levels; ACORD XML never does: send the ACORD request on its own, not wrapped`);
    }
    throw new XmlReadError(file, 'malformed', `could not be parsed: ${clip(message)}`);
  }
  const roots = nodes.filter((n) => !('#text' in n) && !('#cdata' in n));
  if (roots.length !== 1) throw new XmlReadError(file, 'malformed', `has ${roots.length} root elements; XML needs exactly one`);
  return toElement(roots[0]!, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
}
