// The records the Snipe-IT double keeps, in the double's own shape (camelCase, epoch ms).
// The transformers turn them into Snipe-IT's JSON; nothing here knows about HTTP.

/** Snipe-IT derives a label's type from three flags (Statuslabel::getStatuslabelType). */
export type StatusType = 'deployable' | 'pending' | 'archived' | 'undeployable';

/** What an asset is checked out to; Snipe-IT stores the Eloquent class name in assigned_type. */
export type AssignedType = 'user' | 'asset' | 'location';

export interface StatusLabel {
  id: number;
  name: string;
  type: StatusType;
  color: string | null;
  notes: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface CustomField {
  id: number;
  name: string;
  /** `_snipeit_<slug>_<id>`, the column on the assets table (CustomField::convertUnicodeDbSlug). */
  dbColumn: string;
  /** One of Snipe-IT's predefined formats (ANY, NUMERIC, ALPHA, …) or a `regex:` rule. */
  format: string;
  element: 'text' | 'textarea' | 'listbox' | 'checkbox' | 'radio';
  fieldValues: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface Fieldset {
  id: number;
  name: string;
  fieldIds: number[];
  /** Fields this fieldset marks as required (the pivot's `required` flag). */
  requiredFieldIds: number[];
  createdAt: number;
  updatedAt: number;
}

export interface AssetModel {
  id: number;
  name: string;
  modelNumber: string | null;
  manufacturer: string | null;
  category: string | null;
  fieldsetId: number | null;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

export interface User {
  id: number;
  username: string;
  firstName: string;
  lastName: string | null;
  email: string | null;
  employeeNum: string | null;
  locationId: number | null;
  activated: boolean;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

export interface Location {
  id: number;
  name: string;
  createdAt: number;
  updatedAt: number;
}

export interface Asset {
  id: number;
  assetTag: string;
  serial: string | null;
  name: string | null;
  modelId: number;
  statusId: number;
  notes: string | null;
  assignedTo: number | null;
  assignedType: AssignedType | null;
  locationId: number | null;
  rtdLocationId: number | null;
  /** Values by db column (`_snipeit_imei_1`); only the model's fieldset columns are ever set. */
  custom: Record<string, string | null>;
  createdBy: number;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  lastCheckout: number | null;
  lastCheckin: number | null;
  expectedCheckin: string | null;
  checkoutCounter: number;
  checkinCounter: number;
}

/** Snipe-IT's settings that change what the API answers. */
export interface SnipeItSettings {
  /** Settings → "Unique serial numbers" (Snipe-IT's default is off; the double's is on). */
  uniqueSerial: boolean;
  /** Settings → "Generate auto-incrementing asset tags"; null = off, so asset_tag is required. */
  autoIncrement: { prefix: string; next: number; zerofill: number } | null;
  /** MAX_RESULTS: the largest `limit` honoured, and the limit when none is given. */
  maxResults: number;
  /** Settings → "Show archived assets in list" (off: GET /hardware hides archived unless status_id is given). */
  showArchivedInList: boolean;
  /**
   * PATCH/PUT re-checks a sent serial against every asset including itself, so re-sending an
   * asset's own serial fails with "The serial must be unique." (snipe-it issue #18021, v8.3.3).
   */
  selfSerialConflictOnUpdate: boolean;
}

/** A field → messages bag, as Laravel's validator reports it. */
export type Messages = Record<string, string[]>;

/** A copy of one stored asset, for tests to assert on (never the live record). */
export type AssetSnapshot = Readonly<Asset>;
