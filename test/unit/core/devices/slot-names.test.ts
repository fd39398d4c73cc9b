import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/store/db.ts';
import { AuditLog } from '../../../../electron/core/audit/audit-log.ts';
import { SlotNames, defaultSlotName } from '../../../../electron/core/devices/slot-names.ts';
import { useTempDirs } from '../../../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const who = { actor: 'Kari', station: 'Bench 1' };

describe('slot names', () => {
  it('names slots from where they are until a technician names them', () => {
    expect(defaultSlotName('usb:1-1.3')).toBe('USB 1-1.3');
    expect(defaultSlotName('tcp:127.0.0.1:6101')).toBe('Lab 6101');
  });

  it('groups USB ports by their hub, and keeps a name (and its hub) across restarts, audited', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const audit = new AuditLog(db);
    const slots = new SlotNames(db, audit);
    expect(slots.hub('usb:1-1.3')).toBe(slots.hub('usb:1-1.4'));
    expect(slots.hub('usb:1-1.3')).not.toBe(slots.hub('usb:1-2.1'));
    expect(slots.hub('tcp:127.0.0.1:6101')).not.toBe(slots.hub('tcp:127.0.0.1:6102'));
    slots.rename('tcp:127.0.0.1:6101', 'Hub A / 3', who);
    slots.rename('usb:1-2.1', 'Hub A / 4', who);
    expect(audit.list({ limit: 5 }).entries[1]).toMatchObject({
      action: 'slot.renamed',
      details: { before: 'Lab 6101', after: 'Hub A / 3' },
    });
    db.close();

    const reopened = openDatabase(dir);
    const again = new SlotNames(reopened, new AuditLog(reopened));
    expect(again.name('tcp:127.0.0.1:6101')).toBe('Hub A / 3');
    expect(again.hub('tcp:127.0.0.1:6101')).toBe('Hub A');
    expect(again.hub('usb:1-2.1')).toBe('Hub A');
    reopened.close();
  });
});
