/** Helpers of the personal-data tests. */
import { findPersonalData, type PersonalDataType } from '../../src/privacy/personal-data.js';

/** The texts the detector finds of one type, in order. */
export function ofType(text: string, type: PersonalDataType): string[] {
  return findPersonalData(text)
    .filter((s) => s.type === type)
    .map((s) => text.slice(s.start, s.end));
}
