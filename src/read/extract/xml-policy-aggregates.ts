import type { XmlCursor } from './xml-cursor.js';

/** The request's policy: CommlPolicy in commercial-lines requests, Policy in PolicyRq and older (2.x) ones. */
export function policyAggregate(request: XmlCursor): XmlCursor | undefined {
  return request.one('CommlPolicy') ?? request.one('Policy');
}

/** The policy's supplement, named after the policy aggregate it sits in. */
export function policySupplement(request: XmlCursor): XmlCursor | undefined {
  const policy = policyAggregate(request);
  return policy?.one('CommlPolicySupplement') ?? policy?.one('PolicySupplement');
}
