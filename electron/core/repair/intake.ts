// Returns intake: a scanned code or a plugged device → its asset (registered on the spot when
// unknown) → returned, with the reason, condition notes and photo references, in one
// transaction with its audit entries.
import type { z } from 'zod';
import { luhnValid, type AssetState } from '../../common/models/asset.ts';
import { canTransition } from '../../common/models/lifecycle.ts';
import type { repairRequests } from '../../common/contract/requests/repair.ts';
import type { AssetRow } from '../store/assets-queries.ts';
import { completeFields, describeAsset } from '../assets/asset-rows.ts';
import { assertTransition } from '../assets/lifecycle.ts';
import { CoreError } from '../core-error.ts';
import type { PluggedIdentity, RepairDeps } from './repair-deps.ts';

export type IntakeInput = z.output<(typeof repairRequests)['repair.intake']['input']>;
type NewDevice = NonNullable<IntakeInput['register']>;

/** States a device is worked on in; an intake of a device already there moves nothing. */
const ON_BENCH: readonly AssetState[] = ['returned', 'in_repair', 'wiped'];

/** Every asset a code names: tag, serial, IMEI (or its last digits) as the registry looks up, and UDID. */
function matchesOf(deps: RepairDeps, codes: readonly string[]): AssetRow[] {
  const found = new Map<number, AssetRow>();
  for (const code of codes) {
    for (const asset of deps.assets.lookup(code)) found.set(asset.id, deps.assets.row(asset.id));
    for (const id of deps.queries.assetIdsByUdid(code)) found.set(id, deps.assets.row(id));
  }
  return [...found.values()];
}

function ambiguous(code: string, rows: AssetRow[]): CoreError {
  const listed = rows.slice(0, 5).map((row) => `${describeAsset(row)} (serial ${row.serial})`);
  return new CoreError(
    'conflict',
    `"${code}" matches ${rows.length} assets: ${listed.join('; ')}${rows.length > 5 ? '; …' : ''}. ` +
      `Scan the asset tag or the full serial.`,
    {
      candidates: rows.map((row) => ({
        id: row.id,
        assetTag: row.asset_tag,
        serial: row.serial,
        model: row.model,
        state: row.state,
      })),
    },
  );
}

/** The fields of a device nobody registered: typed by the technician, or read from the plugged device. */
function newDeviceFields(
  deps: RepairDeps,
  typed: NewDevice | undefined,
  plugged: PluggedIdentity | undefined,
) {
  if (typed)
    return completeFields({
      ...typed,
      model: typed.model ?? '',
      osVersion: typed.osVersion ?? '',
      imeis: typed.imeis ?? [],
      udid: typed.udid ?? null,
      assetTag: typed.assetTag ?? null,
    });
  if (!plugged) return undefined;
  // An IMEI that fails its check digit or already belongs to another record is left for the
  // depot lead rather than failing the intake.
  const imeis = plugged.imeis
    .filter((imei) => /^\d{15}$/.test(imei) && luhnValid(imei))
    .filter((imei) => deps.assets.queries.imeiOwner(imei) === undefined)
    .slice(0, 2);
  return completeFields({
    platform: plugged.platform,
    serial: plugged.serial,
    manufacturer: plugged.manufacturer,
    model: plugged.model,
    osVersion: plugged.osVersion,
    imeis,
    udid: plugged.udid,
    ecid: plugged.ecid,
  });
}

/**
 * Takes a device in. Its asset moves to returned (ending an issued device's assignment); a
 * device the lifecycle cannot return but can repair (in stock, staged …) moves to in repair;
 * one already on the bench without an open intake just gets one. An unknown device is
 * registered as returned, from the technician's typed fields or the plugged device's identity.
 */
export function takeIn(deps: RepairDeps, input: IntakeInput): { assetId: number; registered: boolean } {
  const who = deps.who();
  const scanned = input.code ?? input.pluggedSerial ?? '';
  const plugged = deps.identityOf(scanned);
  const codes = [...new Set([scanned, plugged?.serial, plugged?.udid].filter((code) => !!code))] as string[];
  return deps.db
    .transaction(() => {
      const rows = matchesOf(deps, codes);
      if (rows.length > 1) throw ambiguous(scanned, rows);
      let row = rows[0];
      let registered = false;
      if (!row) {
        const fields = newDeviceFields(deps, input.register, plugged);
        if (!fields)
          throw new CoreError(
            'not_found',
            input.pluggedSerial
              ? `The bench has not read who device ${scanned} is yet; wait for its identity, or type its details to register it.`
              : `No asset has the tag, serial, IMEI or UDID "${scanned}"; type the device's details to register it.`,
          );
        const id = deps.assets.insert(fields, 'returned', who, {
          source: 'repair intake',
          reason: input.reason,
        });
        row = deps.assets.row(id);
        registered = true;
      } else {
        const open = deps.queries.openIntake(row.id);
        const state = row.state as AssetState;
        if (open && ON_BENCH.includes(state))
          throw new CoreError(
            'conflict',
            `${describeAsset(row)} was already taken in on ${open.at.slice(0, 10)} (${open.reason.replaceAll('_', ' ')}) by ${open.actor}.`,
            { intakeId: open.id },
          );
        // An intake left open by a device that moved on by other paths (retired, re-issued) is over.
        if (open) deps.queries.closeIntake(open.id, deps.now().toISOString(), `left the bench as ${state}`);
        const details = { reason: `repair intake: ${input.reason.replaceAll('_', ' ')}` };
        if (ON_BENCH.includes(state)) {
          // Already returned (e.g. by rollout.return) or in repair: the intake records the why.
        } else if (canTransition(state, 'returned')) deps.assets.moveState(row, 'returned', who, details);
        else if (canTransition(state, 'in_repair')) deps.assets.moveState(row, 'in_repair', who, details);
        else assertTransition(state, 'returned', `Asset ${row.asset_tag ?? row.serial}`);
      }
      const at = deps.now().toISOString();
      const intakeId = deps.queries.insertIntake({
        asset_id: row.id,
        serial: row.serial,
        reason: input.reason,
        condition_notes: input.conditionNotes,
        photos: JSON.stringify(input.photos),
        at,
        actor: who.actor,
        station: who.station,
      });
      deps.audit.append({
        ...who,
        action: 'repair.intake',
        subject: `asset:${row.id}`,
        details: {
          intakeId,
          reason: input.reason,
          conditionNotes: input.conditionNotes,
          photos: input.photos,
          registered,
          scanned,
        },
      });
      return { assetId: row.id, registered };
    })
    .immediate();
}
