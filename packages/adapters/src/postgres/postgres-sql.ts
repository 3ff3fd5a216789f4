/** A `timestamptz` column as the ISO 8601 text the engine writes (`2026-01-01T00:00:00.000Z`), whatever the session's time zone. */
export function isoText(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
