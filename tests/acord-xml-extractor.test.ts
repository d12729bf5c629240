import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SubmissionData } from '../schemas/submission.js';
import { extractAcordXml } from '../src/read/extract/acord-xml-extractor.js';
import { getAtPath } from '../src/model/model-path.js';
import { sharedPresent } from './support/shared-present.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REAL_SAMPLE = path.resolve(HERE, '../../shared/acord-xml/gl-quote-inq-rq.xml');
const hasRealSample = sharedPresent(REAL_SAMPLE, 'the real ACORD XML request');
if (!hasRealSample) console.warn(`Skipping the real ACORD XML sample tests: ${REAL_SAMPLE} is absent`);

const DOC = { id: 'c'.repeat(64), fileName: 'request.xml' };
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(HERE, 'fixtures/xml', name)));

type Leaf = { value: unknown; raw: string; source: { document: string; page: number | null; rect: unknown; method: string; field?: string } };
const leaf = (data: SubmissionData, p: string) => getAtPath(data, p) as Leaf | undefined;
const valueAt = (data: SubmissionData, p: string) => leaf(data, p)?.value;

/** Asserts each path's normalized value. */
function expectValues(data: SubmissionData, expected: Record<string, unknown>): void {
  const actual = Object.fromEntries(Object.keys(expected).map((p) => [p, valueAt(data, p)]));
  expect(actual).toEqual(expected);
}

describe.skipIf(!hasRealSample)('the real GeneralLiabilityPolicyQuoteInqRq sample', async () => {
  const { data, forms, warnings, unplaced } = hasRealSample
    ? await extractAcordXml(new Uint8Array(readFileSync(REAL_SAMPLE)), DOC)
    : ({} as Awaited<ReturnType<typeof extractAcordXml>>);

  it('is a 125 + 126 on our template editions, identified by the XML root', () => {
    expect(forms).toEqual([
      { form: '125', edition: '2016/03', pages: [], identifiedBy: 'xml-root' },
      { form: '126', edition: '2016/09', pages: [], identifiedBy: 'xml-root' },
    ]);
  });

  it('reads the named insured, its tax id, address, contact data and business facts', () => {
    expectValues(data, {
      'namedInsureds[0].fullName': "Scotty's Transmissions",
      'namedInsureds[0].taxIdentifier': '33-9494949',
      'namedInsureds[0].legalEntity.code': 'LLC',
      'namedInsureds[0].legalEntity.limitedLiabilityCorporationIndicator': true,
      'namedInsureds[0].legalEntity.corporationIndicator': undefined,
      'namedInsureds[0].mailingAddress.lineOne': '1510 Glendale Ave',
      'namedInsureds[0].mailingAddress.cityName': 'Sparks',
      'namedInsureds[0].mailingAddress.stateOrProvinceCode': 'NV',
      'namedInsureds[0].mailingAddress.postalCode': '89431',
      'namedInsureds[0].primary.phoneNumber': '+17753597676',
      'namedInsureds[0].primary.emailAddress': 'scott@talageins.com',
      'namedInsureds[0].primary.websiteAddress': 'https://www.rpmautomotiveinc.com/',
      'namedInsureds[0].naicsCode': '812111-000',
      'namedInsureds[0].businessStartDate': '2000-01-01',
      'businessInformation.operationsDescription': 'Barber Shop',
      'businessInformation.ownerCount': 1,
      'businessInformation.employeeCount': 1,
    });
    expect(data.namedInsureds).toHaveLength(1);
  });

  it('makes the person-only party a contact, not a second named insured', () => {
    expect(data.contacts).toHaveLength(1);
    expect(valueAt(data, 'contacts[0].fullName')).toBe('Scott Fritzinger');
  });

  it('reads the policy term, state, status of transaction and line of business', () => {
    expectValues(data, {
      'policy.effectiveDate': '2020-09-30',
      'policy.expirationDate': '2021-09-30',
      'policy.controllingStateCode': 'NV',
      'policy.formCompletionDate': '2020-09-11',
      'policy.status.quoteIndicator': true,
      'policy.status.effectiveDate': '2020-09-11',
      'policy.linesOfBusiness.commercialGeneralLiability.requested': true,
      'policy.policyNumberIdentifier': undefined,
    });
  });

  it('reads the producer and the producer codes', () => {
    expectValues(data, {
      'producer.fullName': 'Talage Insurance',
      'producer.mailingAddress.lineOne': '300 South Wells Ave., Suite 4',
      'producer.mailingAddress.cityName': 'Reno',
      'producer.mailingAddress.stateOrProvinceCode': 'NV',
      'producer.mailingAddress.postalCode': '89502',
      'producer.contactPerson.phoneNumber': '+18334825243',
      'carrier.producerIdentifier': '8843',
      'carrier.subProducerIdentifier': 'AA',
    });
  });

  it('reads the location as premises 1', () => {
    expectValues(data, {
      'premises[0].locationProducerIdentifier': '1',
      'premises[0].physicalAddress.lineOne': '1510 Glendale Ave',
      'premises[0].physicalAddress.cityName': 'Sparks',
      'premises[0].physicalAddress.stateOrProvinceCode': 'NV',
      'premises[0].physicalAddress.postalCode': '89431',
    });
  });

  it('reads the six GL limits and the hazard row', () => {
    expectValues(data, {
      'generalLiability.coverage.commercialGeneralLiabilityIndicator': true,
      'generalLiability.limits.eachOccurrence': '1000000.00',
      'generalLiability.limits.generalAggregate': '2000000.00',
      'generalLiability.limits.medicalExpense': '5000.00',
      'generalLiability.limits.productsAndCompletedOperationsAggregate': '2000000.00',
      'generalLiability.limits.personalAndAdvertisingInjury': '1000000.00',
      'generalLiability.limits.fireDamageRentedPremises': '100000.00',
      'generalLiability.hazards[0].classCode': '10113',
      'generalLiability.hazards[0].classification': 'Barber Shops',
      'generalLiability.hazards[0].exposure': 250000,
      'generalLiability.hazards[0].premiumBasisCode': 'PAYRL',
      'generalLiability.hazards[0].locationProducerIdentifier': '1',
      'generalLiability.hazards[0].hazardProducerIdentifier': '1',
    });
    expect(data.generalLiability?.hazards).toHaveLength(1);
    expect(data.property).toBeUndefined();
  });

  it('reads every value: a coverage description is read with the code it words', () => {
    expect(warnings).toEqual([]);
    expect(unplaced).toEqual([]);
  });

  it('keeps the raw XML text and names the element each value came from', () => {
    expect(leaf(data, 'namedInsureds[0].fullName')).toEqual({
      value: "Scotty's Transmissions",
      raw: "Scotty's Transmissions",
      confidence: 1,
      source: {
        document: DOC.id,
        page: null,
        rect: null,
        method: 'acord-xml',
        field: 'InsuredOrPrincipal[0]/GeneralPartyInfo/NameInfo/CommlName/CommercialName',
      },
    });
    expect(leaf(data, 'namedInsureds[0].taxIdentifier')?.raw).toBe('339494949');
    expect(leaf(data, 'generalLiability.limits.eachOccurrence')?.source.field).toBe(
      'GeneralLiabilityLineBusiness/LiabilityInfo/CommlCoverage[0]/Limit/FormatInteger',
    );
    expect(leaf(data, 'generalLiability.hazards[0].locationProducerIdentifier')?.source.field).toBe(
      'GeneralLiabilityLineBusiness/LiabilityInfo/GeneralLiabilityClassification@LocationRef',
    );
  });
});

describe('a package quote request with the acord: prefix, property and carrier extensions', async () => {
  const { data, forms, warnings, unplaced } = await extractAcordXml(fixture('pkg-quote-prefixed.xml'), DOC);

  it('is a 125 + 126 + 140', () => {
    expect(forms.map((f) => [f.form, f.edition])).toEqual([
      ['125', '2016/03'],
      ['126', '2016/09'],
      ['140', '2016/03'],
    ]);
  });

  it('reads the producer: agency, mailing address, phone vs fax, the individual producer as contact', () => {
    expectValues(data, {
      'producer.fullName': 'Cascade Risk Partners & Co',
      'producer.mailingAddress.lineTwo': 'Floor 2',
      'producer.mailingAddress.postalCode': '97204-1234',
      'producer.contactPerson.fullName': 'Dana Whitlock',
      'producer.contactPerson.phoneNumber': '+15035550100',
      'producer.contactPerson.emailAddress': 'quotes@cascaderisk.example',
      'producer.faxNumber': '+15035550199',
      'producer.customerIdentifier': 'CUST-5521',
      'carrier.producerIdentifier': 'CR-7781',
      'carrier.subProducerIdentifier': '042',
      'carrier.naicCode': '19999',
      'carrier.productCode': 'CPP01',
    });
  });

  it('reads two named insureds (mailing address chosen by type), a contact with cell and home phones', () => {
    expectValues(data, {
      'namedInsureds[0].fullName': 'Riverbend Woodworks Inc',
      'namedInsureds[0].legalEntity.corporationIndicator': true,
      'namedInsureds[0].taxIdentifier': '93-1234567',
      'namedInsureds[0].mailingAddress.lineOne': 'PO Box 310',
      'namedInsureds[0].mailingAddress.postalCode': '97440',
      'namedInsureds[0].mailingAddress.countryCode': 'US',
      'namedInsureds[0].primary.phoneNumber': '+15415550142;ext=12',
      'namedInsureds[0].sicCode': '2431',
      'namedInsureds[0].naicsCode': '321911',
      'namedInsureds[0].generalLiabilityCode': '10113',
      'namedInsureds[1].fullName': 'Riverbend Holdings LLC',
      'namedInsureds[1].legalEntity.limitedLiabilityCorporationIndicator': true,
      'contacts[0].fullName': 'Marta J Okafor',
      'contacts[0].primaryPhoneNumber': '+15415550177',
      'contacts[0].primaryCellPhoneIndicator': true,
      'contacts[0].secondaryPhoneNumber': '+15415550178',
      'contacts[0].secondaryHomePhoneIndicator': true,
      'contacts[0].primaryEmailAddress': 'marta@riverbend-woodworks.example',
    });
  });

  it('ignores elements in a carrier namespace and com.* extensions', () => {
    expect(valueAt(data, 'policy.policyNumberIdentifier')).toBe('PKG-2024-0042');
    expect(JSON.stringify(data)).not.toContain('SHOULD-NOT-BE-READ');
    expect(JSON.stringify(data)).not.toContain('Carrier extension');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('InsuranceSvcRq/CommlPkgPolicyQuoteInqRq/CommlPolicy/CarrierPolicyExtension/…, ');
    expect(warnings[0]).toContain('InsuranceSvcRq/CommlPkgPolicyQuoteInqRq/CommlPolicy/com.example_UnderwriterNote');
    // The warning groups them; each value is also kept, with its own path, as unplaced.
    expect(unplaced).toContainEqual(
      expect.objectContaining({ document: DOC.id, page: null, rect: null, field: 'InsuranceSvcRq/CommlPkgPolicyQuoteInqRq/CommlPolicy/com.example_UnderwriterNote' }),
    );
  });

  it('reads both lines, the prior-carrier table by year and line, and the loss', () => {
    expectValues(data, {
      'policy.linesOfBusiness.commercialGeneralLiability.requested': true,
      'policy.linesOfBusiness.commercialProperty.requested': true,
      'priorCoverage[0].policyYear': 2023,
      'priorCoverage[0].generalLiability.insurerFullName': 'Northwest Mutual Example',
      'priorCoverage[0].generalLiability.policyNumberIdentifier': 'GL-88120',
      'priorCoverage[0].generalLiability.totalPremiumAmount': '8450.50',
      'priorCoverage[0].otherLine.lineOfBusinessCode': 'INMRC',
      'priorCoverage[0].otherLine.expirationDate': '2024-07-01',
      'lossHistory.informationYearCount': 5,
      'lossHistory.losses[0].occurrenceDate': '2022-11-03',
      'lossHistory.losses[0].occurrenceDescription': 'Customer slipped at loading dock',
      'lossHistory.losses[0].paidAmount': '12500.00',
      'lossHistory.losses[0].open': false,
      'lossHistory.noPriorLossesIndicator': undefined,
    });
    expect(data.priorCoverage).toHaveLength(1);
  });

  it('keeps the forms’ own question codes per section and leaves other code sets out', () => {
    expect(data.generalInformation?.questions).toEqual({
      AAD: expect.objectContaining({ answer: expect.objectContaining({ value: true }), explanation: expect.anything() }),
    });
    expect(valueAt(data, 'generalLiability.questions.AAI.answer')).toBe(false);
  });

  it('reads premises with risk location, interest and areas; business-wide counts stay off with two locations', () => {
    expectValues(data, {
      'premises[0].riskLocation.insideCityLimitsIndicator': true,
      'premises[0].physicalAddress.countyName': 'Lane',
      'premises[0].insuredInterest.ownerIndicator': true,
      'premises[0].buildingArea': 24000,
      'premises[0].occupiedArea': 20000,
      'premises[0].fullTimeEmployeeCount': undefined,
      'premises[1].locationProducerIdentifier': '2',
      'premises[1].physicalAddress.cityName': 'Springfield',
    });
  });

  it('reads GL claims-made, limits in every amount form, and the hazard’s rate and premium', () => {
    expectValues(data, {
      'generalLiability.coverage.claimsMadeIndicator': true,
      'generalLiability.claimsMade.proposedRetroactiveDate': '2019-07-01',
      'generalLiability.limits.eachOccurrence': '1000000.00',
      'generalLiability.limits.medicalExpense': '10000.00',
      'generalLiability.hazards[0].locationProducerIdentifier': '2',
      'generalLiability.hazards[0].classification': 'Woodworking – cabinet shops',
      'generalLiability.hazards[0].premisesOperationsRate': 1.234,
      'generalLiability.hazards[0].premisesOperationsPremiumAmount': '3393.50',
    });
  });

  it('groups property by location and building, one subject row per CommlPropertyInfo', () => {
    expectValues(data, {
      'property.locations[0].locationProducerIdentifier': '1',
      'property.locations[0].buildingProducerIdentifier': '2',
      'property.locations[0].physicalAddressLine': '900 Mill Rd, Eugene, OR 97402',
      'property.locations[0].subjectsOfInsurance[0].subjectOfInsuranceCode': 'BLDG',
      'property.locations[0].subjectsOfInsurance[0].limitAmount': '3200000.00',
      'property.locations[0].subjectsOfInsurance[0].valuationCode': 'RC',
      'property.locations[0].subjectsOfInsurance[0].coinsurancePercent': 90,
      'property.locations[0].subjectsOfInsurance[0].deductibleAmount': '5000.00',
      'property.locations[0].subjectsOfInsurance[0].deductibleTypeCode': 'FL',
      'property.locations[0].subjectsOfInsurance[0].blanketNumber': '1',
      // BPP's amounts come from its own coverage, not the wind deductible listed first.
      'property.locations[0].subjectsOfInsurance[1].subjectOfInsuranceCode': 'BPP',
      'property.locations[0].subjectsOfInsurance[1].limitAmount': '850000.00',
      'property.locations[0].subjectsOfInsurance[1].deductibleAmount': '2500.00',
      'property.locations[0].subjectsOfInsurance[1].valuationCode': 'ACV',
      'property.locations[0].subjectsOfInsurance[1].blanketNumber': undefined,
      'property.locations[1].locationProducerIdentifier': '2',
      'property.locations[1].buildingProducerIdentifier': undefined,
      'property.locations[1].subjectsOfInsurance[0].subjectOfInsuranceCode': 'BI',
      'property.locations[1].subjectsOfInsurance[0].limitAmount': '400000.00',
    });
    expect(data.property?.locations).toHaveLength(2);
  });

  it('reads construction, update years and fire protection from CommlSubLocation', () => {
    expectValues(data, {
      'property.locations[0].construction.constructionCode': 'JM',
      'property.locations[0].construction.builtYear': 1988,
      'property.locations[0].construction.storeyCount': 2,
      'property.locations[0].construction.buildingArea': 24000,
      'property.locations[0].construction.roofMaterialCode': 'METAL',
      'property.locations[0].improvements.roofingYear': 2015,
      'property.locations[0].improvements.roofingIndicator': true,
      'property.locations[0].improvements.wiringYear': 2019,
      'property.locations[0].improvements.plumbingIndicator': undefined,
      'property.locations[0].fireProtection.protectionClassCode': '3',
      'property.locations[0].fireProtection.hydrantDistanceFeetCount': 250,
      'property.locations[0].fireProtection.fireStationDistanceMileCount': 1.5,
      'property.locations[0].fireProtection.sprinklerPercent': 100,
    });
    expect(leaf(data, 'property.locations[0].construction.builtYear')?.source.field).toBe('CommlSubLocation/Construction/YearBuilt');
  });
});

describe('a property change request in the ACORD default namespace (UTF-8 BOM)', async () => {
  const { data, forms } = await extractAcordXml(fixture('property-mod-default-ns.xml'), DOC);

  it('is a 125 + 140 marked as a change, effective on the transaction date', () => {
    expect(forms.map((f) => f.form)).toEqual(['125', '140']);
    expectValues(data, {
      'policy.status.changeIndicator': true,
      'policy.status.quoteIndicator': undefined,
      'policy.status.effectiveDate': '2024-02-15',
      'policy.policyNumberIdentifier': 'CP 5550123',
      'policy.linesOfBusiness.commercialProperty.requested': true,
    });
  });

  it('takes an individual named only as a person as the named insured, with the SSN in SSN form', () => {
    expectValues(data, {
      'namedInsureds[0].fullName': "Harold O'Neill Jr",
      'namedInsureds[0].legalEntity.individualIndicator': true,
      'namedInsureds[0].taxIdentifier': '123-45-6789',
    });
    expect(data.contacts).toBeUndefined();
  });

  it('matches "L1" to Location id="L1 ", keeps only distances in the form’s unit, reads no carrier namespace', () => {
    expectValues(data, {
      'property.locations[0].locationProducerIdentifier': '1',
      'property.locations[0].physicalAddressLine': '5 Shore Ln, Madison, Wisconsin 53703',
      'premises[0].physicalAddress.stateOrProvinceCode': 'WI',
      'property.locations[0].subjectsOfInsurance[0].limitAmount': '450000.00',
      'property.locations[0].subjectsOfInsurance[0].deductibleAmount': '1000.00',
      'property.locations[0].construction.constructionCode': 'F',
      'property.locations[0].improvements.heatingYear': 2012,
      'property.locations[0].fireProtection.protectionClassCode': '04',
      'property.locations[0].fireProtection.hydrantDistanceFeetCount': undefined,
      'lossHistory.noPriorLossesIndicator': true,
    });
    expect(JSON.stringify(data)).not.toContain('NOT-ACORD');
  });
});

describe('a general liability add request inside a SOAP envelope', async () => {
  const { data, forms, warnings } = await extractAcordXml(fixture('gl-add-soap.xml'), DOC);

  it('reads the supported request beside an unsupported one, as an issue request, and says the other was not read', () => {
    expect(forms.map((f) => f.form)).toEqual(['125', '126']);
    expect(warnings).toEqual(['request.xml: WorkCompPolicyQuoteInqRq beside GeneralLiabilityPolicyAddRq not read: a file is read as one request']);
    expectValues(data, {
      'namedInsureds[0].fullName': 'Blue Heron Cafe',
      'namedInsureds[0].legalEntity.otherIndicator': true,
      'namedInsureds[0].legalEntity.otherDescription': 'Cooperative',
      'policy.status.issueIndicator': true,
      'generalLiability.coverage.occurrenceIndicator': true,
      'generalLiability.coverage.claimsMadeIndicator': undefined,
      'generalLiability.limits.personalAndAdvertisingInjury': '1000000.00',
      'generalLiability.limits.productsAndCompletedOperationsAggregate': '2000000.00',
    });
  });
});

describe.skipIf(!hasRealSample)('encodings', () => {
  it('reads the real sample re-encoded as UTF-16 with a byte-order mark', async () => {
    const text = readFileSync(REAL_SAMPLE, 'utf8');
    const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { data } = await extractAcordXml(utf16, DOC);
    expect(valueAt(data, 'namedInsureds[0].fullName')).toBe("Scotty's Transmissions");
  });
});

describe('single-location details', async () => {
  const xml = `<ACORD><InsuranceSvcRq><GeneralLiabilityPolicyQuoteInqRq>
    <InsuredOrPrincipal><GeneralPartyInfo>
      <NameInfo><CommlName><CommercialName>Tidewater Tackle</CommercialName></CommlName></NameInfo>
      <Communications><PhoneInfo><PhoneTypeCd>Phone</PhoneTypeCd><CommunicationUseCd>Day</CommunicationUseCd><PhoneNumber>+1-757-5550101</PhoneNumber></PhoneInfo></Communications>
    </GeneralPartyInfo>
    <InsuredOrPrincipalInfo><BusinessInfo><NumEmployeesFullTime>6</NumEmployeesFullTime><NumEmployeesPartTime>2</NumEmployeesPartTime><NumMembersMangers>3</NumMembersMangers></BusinessInfo></InsuredOrPrincipalInfo></InsuredOrPrincipal>
    <InsuredOrPrincipal><GeneralPartyInfo>
      <NameInfo><PersonName><GivenName>Ray</GivenName><Surname>Mills</Surname></PersonName></NameInfo>
      <Communications><PhoneInfo><CommunicationUseCd>Business</CommunicationUseCd><PhoneNumber>757 555 0102</PhoneNumber></PhoneInfo></Communications>
    </GeneralPartyInfo></InsuredOrPrincipal>
    <CommlPolicy><LOBCd>MARINE</LOBCd><TotalPaidLossAmt><Amt>0</Amt></TotalPaidLossAmt>
      <CommlPolicySupplement><OperationsDesc>Bait and tackle retail</OperationsDesc><BusinessStartDt>2015-04-01</BusinessStartDt><AnnualSalesAmt><Amt>480000</Amt></AnnualSalesAmt></CommlPolicySupplement>
    </CommlPolicy>
    <Location id="1"><RiskLocationCd>OUT</RiskLocationCd><Addr><Addr1>1 Pier Rd</Addr1></Addr></Location>
    <LocationUWInfo LocationRef="1"><InterestCd>TENANT</InterestCd></LocationUWInfo>
    <GeneralLiabilityLineBusiness><LiabilityInfo><GeneralLiabilityClassification LocationRef="9">
      <ClassCd>18501</ClassCd><TerritoryCd>002</TerritoryCd>
      <CommlCoverage><CoverageCd>PRDCO</CoverageCd><Rate>0.5</Rate><CurrentTermAmt><Amt>240</Amt></CurrentTermAmt></CommlCoverage>
    </GeneralLiabilityClassification></LiabilityInfo></GeneralLiabilityLineBusiness>
  </GeneralLiabilityPolicyQuoteInqRq></InsuranceSvcRq></ACORD>`;
  const { data } = await extractAcordXml(new TextEncoder().encode(xml), DOC);

  it('gives business-wide head counts and revenue to the only premises, and reads the remaining variants', () => {
    expectValues(data, {
      'premises[0].fullTimeEmployeeCount': 6,
      'premises[0].partTimeEmployeeCount': 2,
      'premises[0].annualRevenueAmount': '480000.00',
      'premises[0].riskLocation.outsideCityLimitsIndicator': true,
      'premises[0].insuredInterest.tenantIndicator': true,
      'namedInsureds[0].legalEntity.memberManagerCount': 3,
      'namedInsureds[0].primary.phoneNumber': '+17575550101',
      'namedInsureds[0].businessStartDate': '2015-04-01',
      'businessInformation.operationsDescription': 'Bait and tackle retail',
      'contacts[0].primaryPhoneNumber': '+17575550102',
      'contacts[0].primaryBusinessPhoneIndicator': true,
      'policy.otherLinesOfBusiness[0].requested': true,
      'policy.otherLinesOfBusiness[0].description': 'MARINE',
      'lossHistory.totalAmount': '0.00',
      'generalLiability.hazards[0].locationProducerIdentifier': '9',
      'generalLiability.hazards[0].territoryCode': '002',
      'generalLiability.hazards[0].productsRate': 0.5,
      'generalLiability.hazards[0].productsPremiumAmount': '240.00',
    });
  });
});
