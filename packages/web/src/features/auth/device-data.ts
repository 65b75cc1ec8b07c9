/** Prefixes of what the app keeps on the device that may carry patient data (draft text, file names). */
const CLINICAL_PREFIXES = ['vuonxa.consult-draft:', 'vuonxa.upload:'];

/**
 * Removes drafts and upload bookmarks from this device. Called at sign-out: commune stations share tablets, and
 * a draft saved on the server is not lost by it.
 *
 * @example
 * forgetClinicalDataOnDevice(window.localStorage);
 */
export function forgetClinicalDataOnDevice(storage: Pick<Storage, 'length' | 'key' | 'removeItem'>): number {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k && CLINICAL_PREFIXES.some((p) => k.startsWith(p))) keys.push(k);
  }
  keys.forEach((k) => storage.removeItem(k));
  return keys.length;
}
