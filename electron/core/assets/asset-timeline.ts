import type { AuditEntry } from '../../common/models/audit.ts';
import type { TimelineEntry } from '../../common/models/asset-query.ts';
import type { AuditLog } from '../audit/audit-log.ts';

type Kind = TimelineEntry['kind'];
type Changes = NonNullable<TimelineEntry['changes']>;

const label = (state: unknown) => String(state).replaceAll('_', ' ');
const fieldList = (changes: Changes | undefined) => Object.keys(changes ?? {}).join(', ') || 'nothing';

/** How each audit action about an asset reads on its timeline. */
const READERS: Record<
  string,
  (d: Record<string, unknown>) => { kind: Kind; summary: string; changes?: Changes }
> = {
  'asset.created': (d) =>
    d.source === 'import'
      ? { kind: 'import', summary: `imported from ${String(d.fileName)} as ${label(d.state)}` }
      : {
          kind: 'created',
          summary: `registered${d.source === 'staging' ? ' by staging' : ''} as ${label(d.state)}`,
        },
  'asset.updated': (d) => ({
    kind: 'fields',
    summary: `changed ${fieldList(d.changes as Changes)}`,
    changes: d.changes as Changes,
  }),
  'asset.imported': (d) => ({
    kind: 'import',
    summary: `updated from ${String(d.fileName)}: ${fieldList(d.changes as Changes)}`,
    changes: d.changes as Changes,
  }),
  'asset.transition': (d) => ({
    kind: 'lifecycle',
    summary: `${label(d.from)} → ${label(d.to)}${typeof d.reason === 'string' ? ` (${d.reason})` : ''}`,
  }),
  'asset.transition_refused': (d) => ({
    kind: 'lifecycle',
    summary: `not moved ${label(d.from)} → ${label(d.to)}: ${String(d.reason)}`,
  }),
  'asset.staged': (d) => ({
    kind: 'staging',
    summary: `staged with ${String(d.profile)} v${String(d.profileVersion)}`,
    changes: d.changes as Changes,
  }),
  'asset.assigned': (d) => ({ kind: 'assignment', summary: `issued to ${String(d.personName)}` }),
  'asset.unassigned': (d) => ({
    kind: 'assignment',
    summary: `${d.reason === 'undone' ? 'handover to' : 'returned by'} ${String(d.personName)}${d.reason === 'undone' ? ' undone' : ''}`,
  }),
  'asset.note': (d) => ({ kind: 'note', summary: String(d.text) }),
  // Staging jobs that did not finish are recorded against the device (adb serial) by staging.
  ...Object.fromEntries(
    (['failed', 'blocked', 'cancelled'] as const).map((outcome) => [
      `staging.job_${outcome}`,
      (d: Record<string, unknown>) => ({
        kind: 'staging' as const,
        summary: `staging with ${String(d.profile)} v${String(d.version)} ${outcome}${
          Array.isArray(d.reasons) && d.reasons.length > 0 ? `: ${d.reasons.map(String).join('; ')}` : ''
        }`,
      }),
    ]),
  ),
  'repair.certificate_issued': (d) => ({
    kind: 'lifecycle',
    summary: `erasure certificate ${String(d.certificateId)} issued (${d.verification === 'passed' ? 'verified by device readback' : 'not verified by device readback'})`,
  }),
  'asset.merged': (d) => ({
    kind: 'merge',
    summary: `merged asset ${String(d.mergedId)} into this one`,
    changes: d.changes as Changes,
  }),
};

export function toTimelineEntry(entry: AuditEntry): TimelineEntry | null {
  const read = READERS[entry.action];
  if (!read) return null;
  const { kind, summary, changes } = read(entry.details);
  return {
    at: entry.at,
    kind,
    actor: entry.actor,
    station: entry.station,
    summary,
    ...(changes && Object.keys(changes).length > 0 ? { changes } : {}),
    auditSeq: entry.seq,
  };
}

/** An asset's timeline, newest first, including the history of the duplicates merged into it. */
export function assetTimeline(audit: AuditLog, id: number, serial?: string, limit = 2000): TimelineEntry[] {
  const entries: AuditEntry[] = [];
  if (serial !== undefined)
    entries.push(
      ...audit
        .list({ subject: `device:${serial}`, limit })
        .entries.filter((entry) => /^staging\.job_(failed|blocked|cancelled)$/.test(entry.action)),
    );
  const pending = [id];
  const seen = new Set<number>();
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    for (const entry of audit.list({ subject: `asset:${next}`, limit }).entries) {
      entries.push(entry);
      if (entry.action === 'asset.merged') pending.push(Number(entry.details.mergedId));
    }
  }
  return entries
    .sort((a, b) => b.seq - a.seq)
    .map(toTimelineEntry)
    .filter((entry): entry is TimelineEntry => entry !== null);
}
