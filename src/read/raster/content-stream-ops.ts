/** A number, a name (kept with its slash, "/Im0"), or null for operands we never look into (strings, arrays, dicts). */
export type ContentOperand = number | string | null;
export type ContentOp = { op: string; operands: ContentOperand[] };

const WHITESPACE = new Set([0, 9, 10, 12, 13, 32]);
const DELIMITERS = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));
// A byte table, not the sets: outlined text makes content streams of megabytes, read byte by byte.
const REGULAR = Uint8Array.from({ length: 256 }, (_, b) => (WHITESPACE.has(b) || DELIMITERS.has(b) ? 0 : 1));
const isRegular = (byte: number) => REGULAR[byte] === 1;
const ch = (c: string) => c.charCodeAt(0);

/**
 * Splits a decoded content stream into operators with their operands: enough to follow the graphics
 * state (q, Q, cm, Do, Tr) and to see what a page paints, without pdfjs building (and decoding images
 * for) a whole operator list. An inline image comes out as op "ID" whose operands are its dictionary.
 */
export function* contentStreamOps(data: Uint8Array): Generator<ContentOp> {
  let operands: ContentOperand[] = [];
  let depth = 0; // inside [ ] or << >>: the whole structure becomes one null operand
  let i = 0;
  const push = (operand: ContentOperand) => {
    if (depth === 0) operands.push(operand);
  };
  const word = () => {
    let token = '';
    while (i < data.length && isRegular(data[i]!)) token += String.fromCharCode(data[i++]!);
    return token;
  };
  while (i < data.length) {
    const b = data[i]!;
    if (WHITESPACE.has(b)) {
      i++;
    } else if (b === ch('%')) {
      while (i < data.length && data[i] !== 10 && data[i] !== 13) i++;
    } else if (b === ch('(')) {
      i = skipLiteralString(data, i);
      push(null);
    } else if (b === ch('<') && data[i + 1] === ch('<')) {
      depth++;
      i += 2;
    } else if (b === ch('>') && data[i + 1] === ch('>')) {
      depth = Math.max(0, depth - 1);
      i += 2;
      push(null);
    } else if (b === ch('<')) {
      while (i < data.length && data[i] !== ch('>')) i++;
      i++;
      push(null);
    } else if (b === ch('[')) {
      depth++;
      i++;
    } else if (b === ch(']')) {
      depth = Math.max(0, depth - 1);
      i++;
      push(null);
    } else if (b === ch('/')) {
      i++;
      push(`/${word()}`);
    } else if (!isRegular(b)) {
      i++; // a stray ) > } {: skip it rather than stall
    } else {
      const n = readNumber(data, i);
      if (n) {
        push(n.value);
        i = n.end;
        continue;
      }
      const token = word();
      if (token === 'true' || token === 'false' || token === 'null') push(null);
      else if (depth === 0 && token === 'BI') operands = [];
      else if (depth === 0) {
        if (token === 'ID') i = skipInlineImageData(data, i);
        yield { op: token, operands };
        operands = [];
      }
    }
  }
}

/** A PDF number (digits with an optional sign and point, no exponent) read straight from the bytes, or null. */
function readNumber(data: Uint8Array, start: number): { value: number; end: number } | null {
  let i = start;
  const sign = data[i] === ch('-') ? -1 : 1;
  if (data[i] === ch('-') || data[i] === ch('+')) i++;
  let value = 0;
  let scale = 0; // 10 to the number of digits after the point, once there is a point
  let digits = 0;
  for (; i < data.length && isRegular(data[i]!); i++) {
    const b = data[i]!;
    if (b >= 48 && b <= 57) {
      value = value * 10 + (b - 48);
      digits++;
      if (scale) scale *= 10;
    } else if (b === ch('.') && !scale) scale = 1;
    else return null;
  }
  if (!digits) return null;
  // Past 15 digits the sum is no longer exact: parse the text (pdf-lib writes 17-digit coordinates).
  if (digits > 15) return { value: Number(String.fromCharCode(...data.subarray(start, i))), end: i };
  return { value: (sign * value) / (scale || 1), end: i };
}

function skipLiteralString(data: Uint8Array, start: number): number {
  let nesting = 0;
  for (let i = start; i < data.length; i++) {
    const b = data[i]!;
    if (b === ch('\\')) i++;
    else if (b === ch('(')) nesting++;
    else if (b === ch(')') && --nesting === 0) return i + 1;
  }
  return data.length;
}

/**
 * Inline image data is binary with no length: it ends at an "EI" standing alone between whitespace
 * and followed by plain text (the next operators), which binary data rarely is for 16 bytes running.
 */
function skipInlineImageData(data: Uint8Array, afterId: number): number {
  for (let i = afterId + 2; i + 1 < data.length; i++) {
    if (data[i] !== ch('E') || data[i + 1] !== ch('I') || !WHITESPACE.has(data[i - 1]!)) continue;
    const next = data[i + 2];
    if (next !== undefined && !WHITESPACE.has(next) && !DELIMITERS.has(next)) continue;
    const after = data.subarray(i + 2, i + 18);
    if (after.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127))) return i + 2;
  }
  return data.length;
}
