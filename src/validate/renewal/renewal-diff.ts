import type { AnyField } from '../../../schemas/field.js';
import type { BuildingChange, ClassCodeChange, RenewalDiff, ValueChange } from '../../../schemas/renewal-diff.js';
import type { Submission } from '../../../schemas/submission.js';
import { placeKey } from '../../read/normalize/address-key.js';
import { listLeaves } from '../../model/list-leaves.js';
import { maskTaxIds } from '../../model/mask-tax-id.js';
import { leafText } from '../../model/leaf-text.js';

/** Values that always differ from one year's application to the next, and say nothing by changing. */
const EXPECTED_TO_CHANGE = /^(policy\.(effectiveDate|expirationDate)|namedInsureds\[0\]\.(signature|signatureDate|initials))$/;

const text = (leaf: AnyField | undefined): string | null => (leaf ? (leaf.value === null || leaf.value === undefined ? leaf.raw || null : String(leaf.value)) : null);
const dollars = (leaf: AnyField | undefined): number | null => (leaf?.value == null || leaf.value === '' ? null : Number(leaf.value));
const percent = (old: number | null, now: number | null) => (old && now !== null ? Math.round(((now - old) / old) * 1000) / 10 : null);
const sum = (xs: (number | null)[]) => (xs.some((x) => x !== null) ? xs.reduce<number>((t, x) => t + (x ?? 0), 0) : null);

/** Every value of `root`'s sections, by path, as text. */
function valuesOf(s: Submission): Map<string, string | null> {
  const sections: [string, unknown][] = [
    ['namedInsureds[0]', s.namedInsureds?.[0]],
    ['policy', s.policy],
    ['generalLiability.limits', s.generalLiability?.limits],
  ];
  return new Map(sections.flatMap(([at, node]) => listLeaves(node, at).map(({ path, leaf }) => [path, text(leaf)] as const)).filter(([path]) => !EXPECTED_TO_CHANGE.test(path)));
}

function valueChanges(old: Submission, now: Submission): ValueChange[] {
  const [a, b] = [valuesOf(old), valuesOf(now)];
  const known = [...(old.namedInsureds ?? []), ...(now.namedInsureds ?? [])].flatMap((n) => [n.taxIdentifier?.raw ?? '', String(n.taxIdentifier?.value ?? '')]).filter(Boolean);
  const mask = (v: string | null) => (v === null ? null : maskTaxIds(v, known));
  return [...new Set([...a.keys(), ...b.keys()])].filter((p) => (a.get(p) ?? null) !== (b.get(p) ?? null)).map((path) => ({ path, old: mask(a.get(path) ?? null), new: mask(b.get(path) ?? null) }));
}

function premisesChanges(old: Submission, now: Submission): RenewalDiff['premises'] {
  const places = (s: Submission) =>
    new Map(
      (s.premises ?? []).flatMap((p) => {
        const a = p.physicalAddress;
        const line = [leafText(a?.lineOne), leafText(a?.cityName), [leafText(a?.stateOrProvinceCode), leafText(a?.postalCode)].filter(Boolean).join(' ')].filter(Boolean).join(', ');
        return line ? [[placeKey(line), line] as const] : [];
      }),
    );
  const [a, b] = [places(old), places(now)];
  return { added: [...b].filter(([k]) => !a.has(k)).map(([, line]) => line), removed: [...a].filter(([k]) => !b.has(k)).map(([, line]) => line) };
}

type Building = { address: string; building: string | null; tiv: number | null; construction: Map<string, string | null> };

function buildingsOf(s: Submission): Map<string, Building> {
  return new Map(
    (s.property?.locations ?? []).flatMap((loc) => {
      const address = leafText(loc.physicalAddressLine);
      if (!address) return [];
      const building = leafText(loc.buildingProducerIdentifier) ?? null;
      const construction = new Map(listLeaves(loc.construction, 'construction').map(({ path, leaf }) => [path, text(leaf)] as const));
      return [[`${placeKey(address)}#${building ?? ''}`, { address, building, tiv: sum((loc.subjectsOfInsurance ?? []).map((x) => dollars(x.limitAmount))), construction }] as const];
    }),
  );
}

function buildingChanges(old: Submission, now: Submission): BuildingChange[] {
  const [a, b] = [buildingsOf(old), buildingsOf(now)];
  return [...new Set([...b.keys(), ...a.keys()])].flatMap((key): BuildingChange[] => {
    const [was, is] = [a.get(key), b.get(key)];
    const paths = [...new Set([...(was?.construction.keys() ?? []), ...(is?.construction.keys() ?? [])])];
    const construction = was && is ? paths.filter((p) => (was.construction.get(p) ?? null) !== (is.construction.get(p) ?? null)).map((path) => ({ path, old: was.construction.get(path) ?? null, new: is.construction.get(path) ?? null })) : [];
    const tivOld = was?.tiv ?? null;
    const tivNew = is?.tiv ?? null;
    if (was && is && tivOld === tivNew && construction.length === 0) return [];
    return [{ address: (is ?? was)!.address, building: (is ?? was)!.building, status: !was ? 'added' : !is ? 'removed' : 'kept', tivOld, tivNew, tivChangePercent: percent(tivOld, tivNew), construction }];
  });
}

function classCodeChanges(old: Submission, now: Submission): ClassCodeChange[] {
  const exposures = (s: Submission) => {
    const byCode = new Map<string, (number | null)[]>();
    for (const h of s.generalLiability?.hazards ?? []) {
      const code = leafText(h.classCode);
      if (code) byCode.set(code, [...(byCode.get(code) ?? []), typeof h.exposure?.value === 'number' ? h.exposure.value : null]);
    }
    return new Map([...byCode].map(([code, xs]) => [code, sum(xs)] as const));
  };
  const [a, b] = [exposures(old), exposures(now)];
  return [...new Set([...b.keys(), ...a.keys()])].sort().flatMap((code): ClassCodeChange[] => {
    const [was, is] = [a.has(code), b.has(code)];
    const exposureOld = a.get(code) ?? null;
    const exposureNew = b.get(code) ?? null;
    if (was && is && exposureOld === exposureNew) return [];
    return [{ code, status: !was ? 'added' : !is ? 'dropped' : 'kept', exposureOld, exposureNew, exposureChangePercent: percent(exposureOld, exposureNew) }];
  });
}

function lossesAdded(old: Submission, now: Submission): RenewalDiff['lossesAdded'] {
  const key = (l: NonNullable<NonNullable<Submission['lossHistory']>['losses']>[number]) => `${leafText(l.occurrenceDate) ?? ''}|${(leafText(l.lineOfBusiness) ?? '').toUpperCase()}`;
  const before = new Set((old.lossHistory?.losses ?? []).map(key));
  return (now.lossHistory?.losses ?? [])
    .filter((l) => !before.has(key(l)))
    .map((l) => ({ occurrenceDate: leafText(l.occurrenceDate) ?? null, lineOfBusiness: leafText(l.lineOfBusiness) ?? null, description: leafText(l.occurrenceDescription) ?? null, incurred: sum([dollars(l.paidAmount), dollars(l.reservedAmount)]) }));
}

/** What changed from `previous` (the same insured's earlier submission) to `current`. */
export function renewalDiff(previous: { id: string; receivedAt: string; submission: Submission }, current: Submission): RenewalDiff {
  const old = previous.submission;
  const signedBefore = leafText(old.namedInsureds?.[0]?.signatureDate);
  const signedNow = leafText(current.namedInsureds?.[0]?.signatureDate);
  return {
    previousSubmissionId: previous.id,
    previousReceivedAt: previous.receivedAt,
    previousBroker: leafText(old.producer?.fullName) ?? null,
    previousEffectiveDate: leafText(old.policy?.effectiveDate) ?? null,
    effectiveDate: leafText(current.policy?.effectiveDate) ?? null,
    values: valueChanges(old, current),
    premises: premisesChanges(old, current),
    buildings: buildingChanges(old, current),
    classCodes: classCodeChanges(old, current),
    lossesAdded: lossesAdded(old, current),
    // ISO dates compare as text.
    olderSignature: signedBefore && signedNow && signedNow < signedBefore ? { old: signedBefore, new: signedNow } : null,
  };
}
