import type { FleetOverview } from '../../common/models/rollout.ts';
import type { Db } from '../store/db.ts';

type Count = { key: string; count: number };

/** The last day of the quarter `offset` quarters after the one `today` is in (YYYY-MM-DD). */
function quarterEnd(today: Date, offset: number): string {
  const quarter = Math.floor(today.getUTCMonth() / 3) + offset;
  return new Date(Date.UTC(today.getUTCFullYear(), quarter * 3 + 3, 0)).toISOString().slice(0, 10);
}

/**
 * Counts by state, model, OS version, age and warranty (relative to today), spend by the
 * holder's department (per currency: sums in different currencies never mix), and the reuse
 * rate: issues of a device that had been issued before, over all issues (undone scans aside).
 */
export function fleetOverview(db: Db, now: Date): FleetOverview {
  const today = now.toISOString().slice(0, 10);
  const counts = (sql: string, params: Record<string, string> = {}) =>
    db.prepare<Record<string, string>, Count>(sql).all(params);
  const grouped = (column: string) =>
    counts(
      `SELECT ${column} AS key, count(*) AS count FROM assets GROUP BY ${column} ORDER BY count DESC, key`,
    );

  const byAge = counts(
    `SELECT CASE
       WHEN purchase_date IS NULL THEN 'unknown'
       WHEN purchase_date > date(@today, '-1 year') THEN '<1y'
       WHEN purchase_date > date(@today, '-2 years') THEN '1–2y'
       WHEN purchase_date > date(@today, '-3 years') THEN '2–3y'
       WHEN purchase_date > date(@today, '-4 years') THEN '3–4y'
       ELSE '≥4y' END AS key, count(*) AS count
     FROM assets GROUP BY key`,
    { today },
  );
  const byWarranty = counts(
    `SELECT CASE
       WHEN warranty_end IS NULL THEN 'unknown'
       WHEN warranty_end < @today THEN 'expired'
       WHEN warranty_end <= @thisQuarter THEN 'this quarter'
       WHEN warranty_end <= @nextQuarter THEN 'next quarter'
       ELSE 'later' END AS key, count(*) AS count
     FROM assets GROUP BY key`,
    { today, thisQuarter: quarterEnd(now, 0), nextQuarter: quarterEnd(now, 1) },
  );
  const order = (keys: readonly string[], rows: Count[]) =>
    keys.map((key) => ({ key, count: rows.find((row) => row.key === key)?.count ?? 0 }));

  const spendByDepartment = db
    .prepare<[], { key: string; currency: string; totalMinor: number; count: number }>(
      `SELECT coalesce(people.department, 'No department') AS key, assets.currency AS currency,
         sum(assets.price_minor) AS totalMinor, count(*) AS count
       FROM assets JOIN people ON people.id = assets.assignee_id
       WHERE assets.assignee_id IS NOT NULL AND assets.price_minor IS NOT NULL AND assets.currency IS NOT NULL
       GROUP BY key, currency ORDER BY totalMinor DESC`,
    )
    .all();
  const reuse = db
    .prepare<[], { reissued: number | null; total: number }>(
      `SELECT sum(EXISTS (SELECT 1 FROM assignments earlier WHERE earlier.asset_id = a.asset_id AND earlier.id < a.id
                AND coalesce(earlier.end_reason, '') <> 'undone')) AS reissued, count(*) AS total
       FROM assignments a WHERE coalesce(a.end_reason, '') <> 'undone'`,
    )
    .get()!;
  const reissued = reuse.reissued ?? 0;
  const byState = grouped('state') as FleetOverview['byState'];
  return {
    total: byState.reduce((sum, row) => sum + row.count, 0),
    byState,
    byModel: grouped('model'),
    byOsVersion: grouped('os_version'),
    byAge: order(['<1y', '1–2y', '2–3y', '3–4y', '≥4y', 'unknown'], byAge),
    byWarranty: order(['expired', 'this quarter', 'next quarter', 'later', 'unknown'], byWarranty),
    spendByDepartment,
    reuse: {
      reissued,
      firstIssue: reuse.total - reissued,
      rate: reuse.total === 0 ? null : reissued / reuse.total,
    },
  };
}
