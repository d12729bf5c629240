import type { SovBuilding, SovField, SovSchedule } from '../../../schemas/sov.js';
import type { Submission } from '../../../schemas/submission.js';
import { addressKey, sameStreet, type AddressKey } from '../normalize/address-key.js';
import { leafText } from '../../model/leaf-text.js';

/** One schedule-of-values row with the 140 building (`property.locations` index) it is the same building as; null when none is. */
export type SovMatch = { schedule: number; index: number; building: SovBuilding; location: number | null };

const cellText = (b: SovBuilding, f: SovField) => (b.cells[f]?.value == null ? undefined : String(b.cells[f]!.value));

/** A schedule row's address key, from its address, city, state and ZIP cells. */
export function sovAddressKey(b: SovBuilding): AddressKey | null {
  return addressKey({ lineOne: cellText(b, 'address'), cityName: cellText(b, 'city'), stateOrProvinceCode: cellText(b, 'state'), postalCode: cellText(b, 'zip') });
}

/**
 * Every row of the schedules matched to the 140's buildings by normalised address, and by the building
 * number where both give one (the schedule's building 2 at an address is not the 140's building 1 there). The check compares the matched pairs; appetite rules
 * judge each building once, with the values of both.
 */
export function matchSovBuildings(submission: Submission, schedules: readonly SovSchedule[] = submission.schedulesOfValues ?? []): SovMatch[] {
  const locations = (submission.property?.locations ?? []).map((loc, index) => ({
    index,
    key: addressKey({ lineOne: leafText(loc.physicalAddressLine) }),
    building: leafText(loc.buildingProducerIdentifier) ?? null,
  }));
  return schedules.flatMap((schedule, s) =>
    schedule.buildings.map((building, index): SovMatch => {
      const key = sovAddressKey(building);
      const number = cellText(building, 'buildingNumber') ?? null;
      const same = key ? locations.filter((l) => l.key && sameStreet(key, l.key)) : [];
      // A row numbered as another building than the 140's at that address is another building.
      const found = number === null ? same[0] : same.find((l) => l.building === null || l.building === number);
      return { schedule: s, index, building, location: found?.index ?? null };
    }),
  );
}
