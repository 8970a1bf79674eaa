import { ApiError } from '../../api/client';

/**
 * The report endpoints also answer CSV (`format=csv`), so their typed answer is "object or text"; asked
 * without `format=csv` they answer JSON, and text here would be an api fault.
 */
export function jsonReport<T extends object>(data: T | string): T {
  if (typeof data === 'string') throw new ApiError(500, 'UNEXPECTED_FORMAT', 'Expected a JSON report');
  return data;
}
