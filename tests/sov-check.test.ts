import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Submission } from '../schemas/submission.js';
import { BoxLocator } from '../src/validate/check/locate-box.js';
import { loadValueRules } from '../src/validate/check/load-check-data.js';
import { submissionLeaves, type CheckContext } from '../src/validate/check/check-context.js';
import { extractSubmission } from '../src/read/extract/extract-submission.js';
import { checkSchedulesOfValues } from '../src/validate/check/check-sov.js';
import { readSov } from '../src/read/sov/read-sov.js';

const SAMPLE = path.resolve(import.meta.dirname, '../samples/manufacturing-oh/submission.xml');
let submission: Submission;
beforeAll(async () => {
  ({ submission } = await extractSubmission([{ fileName: 'submission.xml', bytes: new Uint8Array(await readFile(SAMPLE)) }]));
});

const context = (s: Submission): CheckContext => {
  const leaves = submissionLeaves(s);
  return { submission: s, leaves, outcome: null, locator: new BoxLocator(s, leaves), today: new Date('2026-01-01T00:00:00Z'), rules: loadValueRules() };
};

/** The sample's four buildings as a CSV schedule (values as on its 140s), changed by `edit`. */
const HEADER = 'Loc,Bldg,Address,City,State,Zip,Construction,Year Built,Stories,Sq Ft,Building,Contents,M&E,Business Income';
const ROWS = [
  '1,1,9255 Industrial Boulevard,Columbus,OH,43201,Masonry Non-Combustible,2011,2,34100,4810000,615000,560000,210000',
  '2,1,6732 Industrial Blvd.,Columbus,OH,43215,Non-Combustible,1985,2,42900,,175000,520000,230000',
  '3,1,3562 Oak Avenue,Columbus,OH,43229,Joisted Masonry,1972,1,16600,2630000,250000,130000,320000',
  '4,1,7889 Lincoln Ave,Westerville,OH,43081,Joisted Masonry,1987,2,26400,4040000,410000,775000,530000',
];
const flagsFor = async (rows: string[]) => checkSchedulesOfValues(context(submission), await readSov(new TextEncoder().encode([HEADER, ...rows].join('\n')), 'sov.csv'));

describe('schedule of values against the 140', () => {
  it('raises nothing when the schedule agrees with the 140s, addresses written another way', async () => {
    expect(await flagsFor(ROWS)).toEqual([]);
  });

  it('flags each disagreement with the cell it came from, buildings on one side only, and the TIV totals', async () => {
    const rows = [ROWS[0]!, ROWS[1]!.replace(',1985,', ',1995,'), ROWS[2]!.replace(',2630000,', ',2900000,'), '5,1,40 Harbor Way,Columbus,OH,43201,Frame,2001,1,5000,300000,50000,0,0'];
    const flags = await flagsFor(rows);
    expect(flags.map((f) => [f.rule, f.path, f.value ?? null])).toEqual([
      ['sov-agrees-with-140', 'property.locations[1].construction.builtYear', '1985'],
      ['sov-agrees-with-140', 'property.locations[2].subjectsOfInsurance[0].limitAmount', '2630000.00'],
      ['sov-building-on-140', 'schedulesOfValues[0].buildings[3]', null],
      ['sov-lists-140-building', 'property.locations[3].physicalAddressLine', '7889 Lincoln Ave, Westerville, OH 43081'],
      ['sov-tiv-total', 'property.locations', null],
    ]);
    expect(flags[0]!.message).toBe('The schedule of values (sov.csv, sheet "sov.csv", row 3) gives 1995 for 6732 Industrial Blvd.; the 140 says 1985');
    expect(flags[2]!.message).toBe('40 Harbor Way (sov.csv, sheet "sov.csv", row 5) is on the schedule of values but on no 140; ask the broker which is right');
    expect(flags[4]!.message).toBe('The schedule of values totals $11,070,000 of insured value; the 140s total $16,205,000');
    expect(flags.every((f) => f.severity === 'warning' && f.code === 'inconsistent')).toBe(true);
  });
});
