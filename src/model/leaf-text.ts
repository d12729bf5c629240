import type { AnyField } from '../../schemas/field.js';

/**
 * A leaf's normalized value when it is text (a name, an ISO date, an e-mail address); undefined when the
 * leaf is absent or its value could not be normalized. The model types every leaf's value as unknown.
 */
export const leafText = (leaf: AnyField | undefined): string | undefined => (typeof leaf?.value === 'string' && leaf.value !== '' ? leaf.value : undefined);
