import type { Schema } from '../api/client';

/** An OCOP product group as the api names it. */
export type OcopGroup = Schema<'ProductResponse'>['group'];
/** OCOP star ratings a certified product can hold (3 to 5). */
export type OcopStars = Schema<'ProductResponse'>['certificate']['stars'];

/** Every OCOP product group, in the order the programme lists them. */
export const OCOP_GROUPS = [
  'food',
  'beverages',
  'herbs',
  'textiles_garments',
  'handicrafts_souvenirs_decoration',
  'rural_tourism_services',
] as const satisfies readonly OcopGroup[];

/** The star ratings, lowest first. */
export const OCOP_STARS = [3, 4, 5] as const satisfies readonly OcopStars[];

// Compile-time checks that the lists above name every member of the api's unions: when the api adds a group or a
// rating, the `true` below stops type-checking until the list gets it too.
type Missing<Union, List extends readonly unknown[]> = Exclude<Union, List[number]>;
const groupsComplete: [Missing<OcopGroup, typeof OCOP_GROUPS>] extends [never] ? true : never = true;
const starsComplete: [Missing<OcopStars, typeof OCOP_STARS>] extends [never] ? true : never = true;
void groupsComplete;
void starsComplete;

export function isOcopGroup(value: string | null | undefined): value is OcopGroup {
  return (OCOP_GROUPS as readonly string[]).includes(value ?? '');
}

export function isOcopStars(value: number): value is OcopStars {
  return (OCOP_STARS as readonly number[]).includes(value);
}
