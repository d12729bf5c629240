import { XmlNode } from './xml-node.js';

type Site = { position: number; id: string; node: XmlNode; buildings: number };

/** A building number the reader gives back: the SubLocation's place in its Location, so a small positive integer. */
const BUILDING = /^[1-9]\d?$/;

/**
 * The request's Location elements and the building-facts elements (CommlSubLocation) pointing at
 * them. The reader numbers locations by their place among the Locations and buildings by their
 * SubLocation's place in its Location, and a reference it cannot resolve is read as written: so a
 * number that is its place refers by id, and any other is written as the reference itself.
 */
export class Sites {
  private readonly byNumber = new Map<string, Site>();
  private readonly facts = new Map<string, XmlNode>();

  /** The Location for a location number, added (numbered by its place) when new. */
  location(number: string): Site {
    let site = this.byNumber.get(number);
    if (!site) {
      const position = this.byNumber.size + 1;
      site = { position, id: `L${position}`, node: new XmlNode('Location', undefined, [['id', `L${position}`]]), buildings: 0 };
      this.byNumber.set(number, site);
    }
    return site;
  }

  /** Whether the reader gives this number back for the Location: it is the Location's place. */
  numbersAsWritten(number: string): boolean {
    return String(this.byNumber.get(number)?.position) === number;
  }

  has(number: string): boolean {
    return this.byNumber.has(number);
  }

  /** The LocationRef that reads back as `number`. */
  locationRef(number: string): string {
    return this.numbersAsWritten(number) ? this.byNumber.get(number)!.id : number;
  }

  /** The SubLocationRef that reads back as building `building` of location `number`. */
  subLocationRef(number: string, building: string): string {
    const site = this.numbersAsWritten(number) ? this.byNumber.get(number) : undefined;
    if (!site || !BUILDING.test(building)) return building;
    site.buildings = Math.max(site.buildings, Number(building));
    return `${site.id}S${building}`;
  }

  /** The SubLocation element of a building, when the building refers by id (for an address of its own). */
  subLocation(number: string, building: string): XmlNode | undefined {
    const ref = this.subLocationRef(number, building);
    if (ref === building) return undefined;
    this.placeSubLocations();
    return this.byNumber.get(number)!.node.children.find((c) => c.name === 'SubLocation' && c.attrs[0]?.[1] === ref);
  }

  /** The building-facts element of a location (and building), shared by the 125's premises row and the 140's location. */
  buildingFacts(number: string, building: string | undefined): XmlNode {
    const refs: [string, string][] = [['LocationRef', this.locationRef(number)]];
    if (building !== undefined) refs.push(['SubLocationRef', this.subLocationRef(number, building)]);
    const key = refs.map(([, v]) => v).join('\u0000');
    let node = this.facts.get(key);
    if (!node) {
      node = new XmlNode('CommlSubLocation', undefined, refs);
      this.facts.set(key, node);
    }
    return node;
  }

  /** The Location elements, in order, each with SubLocations 1 … n for the highest building n referred to. */
  locations(): XmlNode[] {
    this.placeSubLocations();
    return [...this.byNumber.values()].map((s) => s.node);
  }

  /** The building-facts elements, in the order they were first needed (which orders a location's premises rows). */
  buildingFactsElements(): XmlNode[] {
    return [...this.facts.values()];
  }

  /** Gives each Location SubLocations 1 … n for the highest building n referred to, so each sits at its number. */
  private placeSubLocations(): void {
    for (const site of this.byNumber.values()) {
      const have = site.node.children.filter((c) => c.name === 'SubLocation').length;
      for (let b = have + 1; b <= site.buildings; b++) site.node.add('SubLocation', undefined, [['id', `${site.id}S${b}`]]);
    }
  }
}
