// Apple's hardware identifiers (lockdownd's ProductType) and the names people know them by.
// Shared by the driver (a tile says "iPhone 15", not "iPhone15,4") and the simulated lab
// (which gives its devices real identifiers). `maxIos` is the last major iOS a model runs.

export interface ProductTypeInfo {
  productType: string;
  name: string;
  deviceClass: 'iPhone' | 'iPad';
  /** The internal board name lockdownd reports as HardwareModel. */
  hardwareModel: string;
  maxIos: number;
  /** Whether the model has a cellular modem (and so an IMEI). */
  cellular: boolean;
}

const row = (
  productType: string,
  name: string,
  hardwareModel: string,
  maxIos: number,
  cellular = true,
): ProductTypeInfo => ({
  productType,
  name,
  deviceClass: productType.startsWith('iPad') ? 'iPad' : 'iPhone',
  hardwareModel,
  maxIos,
  cellular,
});

export const PRODUCT_TYPES: readonly ProductTypeInfo[] = [
  row('iPhone11,2', 'iPhone XS', 'D321AP', 18),
  row('iPhone11,8', 'iPhone XR', 'N841AP', 18),
  row('iPhone12,1', 'iPhone 11', 'N104AP', 26),
  row('iPhone12,8', 'iPhone SE (2nd generation)', 'D79AP', 26),
  row('iPhone13,2', 'iPhone 12', 'D53gAP', 26),
  row('iPhone14,5', 'iPhone 13', 'D17AP', 26),
  row('iPhone14,6', 'iPhone SE (3rd generation)', 'D49AP', 26),
  row('iPhone14,7', 'iPhone 14', 'D27AP', 26),
  row('iPhone15,4', 'iPhone 15', 'D37AP', 26),
  row('iPhone16,1', 'iPhone 15 Pro', 'D83AP', 26),
  row('iPhone17,3', 'iPhone 16', 'D47AP', 26),
  row('iPhone17,5', 'iPhone 16e', 'D49pAP', 26),
  row('iPhone18,3', 'iPhone 17', 'V57AP', 26),
  row('iPad13,18', 'iPad (10th generation)', 'J271AP', 26, false),
  row('iPad13,19', 'iPad (10th generation) Wi-Fi + Cellular', 'J272AP', 26),
  row('iPad14,1', 'iPad mini (6th generation)', 'J310AP', 26, false),
];

const byProductType = new Map(PRODUCT_TYPES.map((info) => [info.productType, info]));

export function productTypeInfo(productType: string): ProductTypeInfo | undefined {
  return byProductType.get(productType);
}

/** "iPhone 15", or the identifier itself for a model newer than this table. */
export function modelNameOf(productType: string): string {
  return byProductType.get(productType)?.name ?? productType;
}
