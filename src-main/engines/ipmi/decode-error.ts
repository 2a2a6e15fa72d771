import { FieldKitError } from '../../../shared/errors';

/** Every decoder throws only this: a catalogued, droppable decode error. */
export function decodeError(detail: string): FieldKitError {
  return new FieldKitError('IPMI_DECODE_ERROR', { detail });
}
