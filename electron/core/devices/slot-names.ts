import type { Db } from '../store/db.ts';
import { slotsQueries } from '../store/slots-queries.ts';
import type { AuditLog } from '../audit/audit-log.ts';

/**
 * Names of physical slots. A technician names a hub port once ("Hub A / 3") and every phone
 * plugged there shows under that name; the part before " / " is the hub, which staging uses
 * to ration transfers. Unnamed slots get a name from where they are.
 */
export class SlotNames {
  readonly #q: ReturnType<typeof slotsQueries>;
  readonly #audit: AuditLog;
  readonly #names = new Map<string, string>();

  constructor(db: Db, audit: AuditLog) {
    this.#q = slotsQueries(db);
    this.#audit = audit;
    for (const row of this.#q.all.all()) this.#names.set(row.slot_key, row.name);
  }

  name(slotKey: string): string {
    return this.#names.get(slotKey) ?? defaultSlotName(slotKey);
  }

  hub(slotKey: string): string {
    const named = this.#names.get(slotKey);
    if (named?.includes(' / ')) return named.split(' / ')[0]!.trim();
    if (slotKey.startsWith('usb:')) return `usb:${slotKey.slice(4).replace(/[.-]\d+$/, '')}`;
    // A TCP (lab or network) phone shares no USB link with others: it is its own hub.
    return slotKey;
  }

  rename(slotKey: string, name: string, who: { actor: string; station: string }): void {
    const before = this.name(slotKey);
    this.#q.upsert.run({ slot_key: slotKey, name });
    this.#names.set(slotKey, name);
    this.#audit.append({
      ...who,
      action: 'slot.renamed',
      subject: `slot:${slotKey}`,
      details: { before, after: name },
    });
  }
}

export function defaultSlotName(slotKey: string): string {
  if (slotKey.startsWith('usb:')) return `USB ${slotKey.slice(4)}`;
  if (slotKey.startsWith('tcp:')) return `Lab ${slotKey.slice(slotKey.lastIndexOf(':') + 1)}`;
  if (slotKey.startsWith('usbmux:')) return `USB ${slotKey.slice(7)}`;
  return slotKey.replace(/^serial:/, '');
}
