import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { XmlReadError, type XmlProblem } from '../src/errors.js';
import { extractAcordXml } from '../src/read/extract/acord-xml-extractor.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DOC = { id: 'd'.repeat(64), fileName: 'hostile.xml' };
const bytes = (s: string) => new TextEncoder().encode(s);

async function rejection(input: Uint8Array): Promise<XmlReadError> {
  const err = await extractAcordXml(input, DOC).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(XmlReadError);
  return err as XmlReadError;
}

async function expectProblem(input: Uint8Array, problem: XmlProblem, message: RegExp): Promise<void> {
  const err = await rejection(input);
  expect({ problem: err.problem, code: err.code }).toEqual({ problem, code: `xml-${problem}` });
  expect(err.message).toMatch(/^hostile\.xml: /);
  expect(err.message).toMatch(message);
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<ACORD><InsuranceSvcRq><GeneralLiabilityPolicyQuoteInqRq><InsuredOrPrincipal><GeneralPartyInfo><NameInfo>
<CommlName><CommercialName>&lol9;</CommercialName></CommlName></NameInfo></GeneralPartyInfo></InsuredOrPrincipal>
</GeneralLiabilityPolicyQuoteInqRq></InsuranceSvcRq></ACORD>`;

const EXTERNAL_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE ACORD [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<ACORD><InsuranceSvcRq><GeneralLiabilityPolicyQuoteInqRq><InsuredOrPrincipal><GeneralPartyInfo><NameInfo>
<CommlName><CommercialName>&xxe;</CommercialName></CommlName></NameInfo></GeneralPartyInfo></InsuredOrPrincipal>
</GeneralLiabilityPolicyQuoteInqRq></InsuranceSvcRq></ACORD>`;

const minimalRequest = (request: string, name = 'Acme') =>
  `<ACORD><InsuranceSvcRq><${request}><InsuredOrPrincipal><GeneralPartyInfo><NameInfo><CommlName><CommercialName>${name}</CommercialName></CommlName></NameInfo></GeneralPartyInfo></InsuredOrPrincipal></${request}></InsuranceSvcRq></ACORD>`;

describe('hostile and foreign XML is refused with a problem code, and nothing is expanded', () => {
  it('billion laughs: entity declarations are refused before parsing', async () => {
    await expectProblem(bytes(BILLION_LAUGHS), 'entities', /DTDs and entity declarations are not accepted/);
  });

  it('external entity (file:///etc/passwd) is refused', async () => {
    const err = await rejection(bytes(EXTERNAL_ENTITY));
    expect(err.problem).toBe('entities');
    expect(err.message).not.toContain('root:');
  });

  it('a DOCTYPE alone, without entities, is refused too', async () => {
    await expectProblem(bytes(`<?xml version="1.0"?>\n<!DOCTYPE ACORD SYSTEM "acord.dtd">\n${minimalRequest('GeneralLiabilityPolicyQuoteInqRq')}`), 'entities', /<!DOCTYPE/);
  });

  it('an undeclared entity reference stays literal text', async () => {
    const { data } = await extractAcordXml(bytes(minimalRequest('GeneralLiabilityPolicyQuoteInqRq', 'A &amp;lt; B &xxe; &#47;')), DOC);
    expect(data.namedInsureds?.[0]?.fullName?.value).toBe('A &lt; B &xxe; /');
  });

  it('truncated XML is malformed, with line and column', async () => {
    const whole = readFileSync(path.join(HERE, 'fixtures/xml/gl-add-soap.xml'), 'utf8');
    await expectProblem(bytes(whole.slice(0, Math.floor(whole.length * 0.6))), 'malformed', /line \d+, column \d+/);
  });

  it('non-XML bytes are malformed', async () => {
    await expectProblem(new Uint8Array(randomBytes(4096)), 'malformed', /not an XML document/);
    await expectProblem(bytes('%PDF-1.7\n1 0 obj << >> endobj\n'), 'malformed', /not an XML document/);
    await expectProblem(new Uint8Array(0), 'malformed', /empty/);
  });

  it('well-formed XML that is not ACORD is not-acord, naming its root', async () => {
    await expectProblem(bytes('<html><body><p>quote</p></body></html>'), 'not-acord', /<html>/);
    await expectProblem(bytes('<ACORD xmlns="urn:example:other"/>'), 'not-acord', /urn:example:other/);
  });

  it('ACORD without a policy request is unsupported-request, naming what it found', async () => {
    await expectProblem(bytes(minimalRequest('ClaimsNotificationAddRq')), 'unsupported-request', /no P&C policy request: it holds ClaimsNotificationAddRq/);
    await expectProblem(bytes('<ACORD><SignonRq/><InsuranceSvcRs/></ACORD>'), 'unsupported-request', /<SignonRq>, <InsuranceSvcRs>/);
  });

  it('two requests of other lines in one file are refused, not merged', async () => {
    const two = minimalRequest('WorkCompPolicyQuoteInqRq').replace('</InsuranceSvcRq>', '<CommlAutoPolicyQuoteInqRq/></InsuranceSvcRq>');
    await expectProblem(bytes(two), 'unsupported-request', /several policy requests in one file; send one request per file: it holds WorkCompPolicyQuoteInqRq, CommlAutoPolicyQuoteInqRq/);
  });

  it('two supported requests in one file are refused, not merged', async () => {
    const two = minimalRequest('GeneralLiabilityPolicyQuoteInqRq').replace(
      '</InsuranceSvcRq>',
      '<CommlPropertyPolicyQuoteInqRq/></InsuranceSvcRq>',
    );
    await expectProblem(bytes(two), 'unsupported-request', /one request per file/);
  });

  it('what is not read is listed in a bounded warning, however many and however long the unread names', async () => {
    const junk = Array.from({ length: 5000 }, (_, i) => `<X${i}${'y'.repeat(2000)}>v</X${i}${'y'.repeat(2000)}>`).join('');
    const { warnings } = await extractAcordXml(bytes(minimalRequest('GeneralLiabilityPolicyQuoteInqRq').replace('</InsuredOrPrincipal>', `</InsuredOrPrincipal>${junk}`)), DOC);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^hostile\.xml: not read: 5000 value\(s\) at 5000 place\(s\): .*; and 4985 more places$/);
    expect(warnings[0]!.length).toBeLessThan(15 * 400);
  });

  it('input over the size cap is too-large without being read', async () => {
    await expectProblem(new Uint8Array(20 * 1024 * 1024 + 1).fill(0x20), 'too-large', /over 20 MB/);
  });

  it('absurdly deep nesting is refused', async () => {
    const depth = 200_000;
    await expectProblem(bytes(`<ACORD>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</ACORD>`), 'too-large', /deeper than \d+ levels/);
  });

  it('a huge attribute count finishes (and is not ACORD)', async () => {
    const attrs = Array.from({ length: 100_000 }, (_, i) => `a${i}="${i}"`).join(' ');
    await expectProblem(bytes(`<Quote ${attrs}/>`), 'not-acord', /<Quote>/);
  });
});
