// Seeds the benchmark fleet straight through prepared statements in one transaction (the
// FTS triggers and IMEI rows are maintained as in the app): people, assets, current holders.
import type { Db } from '../../../electron/core/store/db.ts';
import { DEPARTMENTS, MODELS, TAGS, nthImei, personName, pick, prng, serialFor } from './fleet-data.ts';

export interface SeededFleet {
  assets: number;
  people: number;
  /** Per model, how many IMEIs/serials were used (an import continues from here). */
  perModel: number[];
  /** Samples to look up: serials, IMEIs, tags, person names, of seeded assets. */
  serials: string[];
  imeis: string[];
  tags: string[];
  personNames: string[];
}

const SAMPLE_EVERY = 997;

export function seedFleet(db: Db, assetCount: number, peopleCount: number): SeededFleet {
  const random = prng(42);
  const at = '2026-01-05T08:00:00.000Z';
  const insertPerson = db.prepare(
    `INSERT INTO people (id, name, email, employee_id, badge, department, cost_centre, created_at, updated_at)
     VALUES (?, ?, ?, ?, NULL, ?, NULL, ?, ?)`,
  );
  const insertAsset = db.prepare(
    `INSERT INTO assets (id, asset_tag, serial, platform, manufacturer, model, storage_gb, os_version, purchase_order, supplier,
       purchase_date, price_minor, currency, warranty_end, tags, state, assignee_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 128, ?, ?, 'Atea', ?, ?, 'NOK', ?, ?, ?, ?, ?, ?)`,
  );
  const insertImei = db.prepare(
    'INSERT INTO asset_imeis (imei, imei_reversed, asset_id, position) VALUES (?, ?, ?, 0)',
  );
  const insertAssignment = db.prepare(
    `INSERT INTO assignments (asset_id, person_id, assigned_at, assigned_by, station, previous_state)
     VALUES (?, ?, ?, 'Bench seed', 'Bench', 'staged')`,
  );
  const fleet: SeededFleet = {
    assets: assetCount,
    people: peopleCount,
    perModel: MODELS.map(() => 0),
    serials: [],
    imeis: [],
    tags: [],
    personNames: [],
  };
  db.transaction(() => {
    for (let id = 1; id <= peopleCount; id += 1) {
      const name = personName(random);
      insertPerson.run(
        id,
        name,
        `${name.toLowerCase().replace(' ', '.')}.${id}@kommune.example`,
        `E${String(id).padStart(6, '0')}`,
        pick(random, DEPARTMENTS),
        at,
        at,
      );
      if (id % SAMPLE_EVERY === 0) fleet.personNames.push(name);
    }
    for (let id = 1; id <= assetCount; id += 1) {
      const m = Math.floor(random() * MODELS.length);
      const model = MODELS[m]!;
      const n = (fleet.perModel[m] = fleet.perModel[m]! + 1);
      const serial = serialFor(model.serial, n);
      const imei = nthImei(model.tac, n);
      const year = 2021 + Math.floor(random() * 6);
      const purchase = `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`;
      const tags = random() < 0.4 ? [pick(random, TAGS)] : [];
      const issued = random() < 0.3;
      const assignee = issued ? 1 + Math.floor(random() * peopleCount) : null;
      const tag = `DL-${String(id).padStart(7, '0')}`;
      const updated = new Date(Date.parse(at) + id * 1000).toISOString();
      insertAsset.run(
        id,
        tag,
        serial,
        model.manufacturer === 'Apple' ? 'ios' : 'android',
        model.manufacturer,
        model.model,
        pick(random, model.os),
        `PO-${year}-${Math.floor(id / 500)}`,
        purchase,
        300_000 + Math.floor(random() * 900_000),
        `${year + 3}${purchase.slice(4)}`,
        JSON.stringify(tags),
        issued ? 'issued' : pick(random, ['in_stock', 'staged', 'returned', 'ready_for_reissue'] as const),
        assignee,
        updated,
        updated,
      );
      insertImei.run(imei, [...imei].reverse().join(''), id);
      if (assignee !== null) insertAssignment.run(id, assignee, updated);
      if (id % SAMPLE_EVERY === 0) {
        fleet.serials.push(serial);
        fleet.imeis.push(imei);
        fleet.tags.push(tag);
      }
    }
  }).immediate();
  return fleet;
}
