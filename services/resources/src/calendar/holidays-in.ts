import type { DataSource } from 'typeorm';
import type { LoadHoliday } from '../capacity/load.js';

/** the public holidays of some locations between two dates (inclusive) */
export function holidaysIn(
  ds: DataSource,
  tenantId: string,
  locations: string[],
  from: string,
  to: string,
): Promise<LoadHoliday[]> {
  if (locations.length === 0) return Promise.resolve([]);
  return ds.query<LoadHoliday[]>(
    `SELECT location, to_char(date, 'YYYY-MM-DD') AS date FROM resources.public_holiday
      WHERE tenant_id = $1 AND location = ANY($2::varchar[]) AND date BETWEEN $3 AND $4`,
    [tenantId, locations, from, to],
  );
}
