import { ApiError } from '../../api/client';
import type { Problem } from '../../i18n/error-message';
import type { PrescriptionInput, PrescriptionItemInput } from './homecare.api';
import { parseWhole } from './visit-note';

// ——— The prescription ———

export const ROUTES = ['oral', 'topical', 'inhalation', 'sublingual', 'rectal', 'ophthalmic', 'otic', 'nasal', 'transdermal'] as const;
export type DrugRoute = (typeof ROUTES)[number];

/** One medicine as typed: strings, numbers as typed. */
export interface RxRow {
  /** A local key for React (rows are added and removed). */
  key: string;
  drug: string;
  activeIngredient: string;
  strength: string;
  form: string;
  dose: string;
  route: DrugRoute;
  frequency: string;
  durationDays: string;
  quantity: string;
  unit: string;
  instructions: string;
}

export const RX_ROW_FIELDS = [
  'drug',
  'activeIngredient',
  'strength',
  'form',
  'dose',
  'route',
  'frequency',
  'durationDays',
  'quantity',
  'unit',
  'instructions',
] as const;
export type RxField = (typeof RX_ROW_FIELDS)[number];
export const MAX_RX_ROWS = 20;

export function emptyRxRow(key: string): RxRow {
  return {
    key,
    drug: '',
    activeIngredient: '',
    strength: '',
    form: '',
    dose: '',
    route: 'oral',
    frequency: '',
    durationDays: '',
    quantity: '',
    unit: '',
    instructions: '',
  };
}

export function isRoute(value: string): value is DrugRoute {
  return (ROUTES as readonly string[]).includes(value);
}

/** A positive quantity as typed, a decimal comma allowed ("0,5" tablet); null when not one. */
export function parseQuantity(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return n > 0 && n <= 10_000 ? n : null;
}

/** The length rules of `prescriptionItemSchema`: [min, max] of each text field. */
const RX_TEXT_RULES: Partial<Record<RxField, [number, number]>> = {
  drug: [2, 200],
  activeIngredient: [0, 200],
  strength: [1, 50],
  form: [2, 50],
  dose: [1, 100],
  frequency: [1, 100],
  unit: [1, 30],
  instructions: [0, 500],
};

/**
 * Problems of one medicine row by the server's field names (`items.0.drug`…): what `prescriptionItemSchema`
 * refuses, so the doctor sees it on the field before sending.
 *
 * @example
 * checkRxRow({ ...emptyRxRow('a'), drug: 'Amlodipin' }, 0)['items.0.strength']; // { key: 'form.required' }
 */
export function checkRxRow(row: RxRow, index: number): Record<string, Problem> {
  const found: Record<string, Problem> = {};
  const at = (f: RxField) => `items.${index}.${f}`;
  for (const [field, [min, max]] of Object.entries(RX_TEXT_RULES) as [RxField, [number, number]][]) {
    const value = row[field].trim();
    if (min > 0 && value === '') found[at(field)] = { key: 'form.required' };
    else if (value.length < min) found[at(field)] = { key: 'care.form.tooShort', params: { min } };
    else if (value.length > max) found[at(field)] = { key: 'care.form.tooLong', params: { max } };
  }
  if (parseWhole(row.durationDays, 1, 90) === null) found[at('durationDays')] = { key: 'care.form.range', params: { min: 1, max: 90 } };
  if (parseQuantity(row.quantity) === null) found[at('quantity')] = { key: 'rx.quantityInvalid' };
  return found;
}

/** Problems of the whole prescription: at least one medicine, at most twenty, each row's own. */
export function checkPrescription(rows: readonly RxRow[], advice: string): Record<string, Problem> {
  const found: Record<string, Problem> = {};
  if (rows.length === 0) found['items'] = { key: 'rx.itemsRequired' };
  if (rows.length > MAX_RX_ROWS) found['items'] = { key: 'rx.itemsMax', params: { max: MAX_RX_ROWS } };
  rows.forEach((row, i) => Object.assign(found, checkRxRow(row, i)));
  if (advice.trim().length > 2_000) found['advice'] = { key: 'care.form.tooLong', params: { max: 2_000 } };
  return found;
}

/** The body sent, trimmed, numbers parsed, empty optional fields left out (call after `checkPrescription`). */
export function prescriptionInputOf(rows: readonly RxRow[], advice: string): PrescriptionInput {
  const items = rows.map((r): PrescriptionItemInput => {
    const item: PrescriptionItemInput = {
      drug: r.drug.trim(),
      strength: r.strength.trim(),
      form: r.form.trim(),
      dose: r.dose.trim(),
      route: r.route,
      frequency: r.frequency.trim(),
      durationDays: parseWhole(r.durationDays, 1, 90) ?? 0,
      quantity: parseQuantity(r.quantity) ?? 0,
      unit: r.unit.trim(),
    };
    if (r.activeIngredient.trim()) item.activeIngredient = r.activeIngredient.trim();
    if (r.instructions.trim()) item.instructions = r.instructions.trim();
    return item;
  });
  return advice.trim() ? { items, advice: advice.trim() } : { items };
}

/** Whether a server field name is one the prescription form shows (`items.3.quantity`, `advice`). */
export function isRxField(field: string): boolean {
  if (field === 'items' || field === 'advice') return true;
  const m = /^items\.\d+\.(\w+)$/.exec(field);
  return !!m && (RX_ROW_FIELDS as readonly string[]).includes(m[1] ?? '');
}

export interface ControlledRefusal {
  /** The server's field, `items.N.drug`. */
  field: string;
  /** The row it names, or null when the server did not say. */
  index: number | null;
  /** The substance's class (narcotic, psychotropic, precursor…), when given. */
  drugClass: string | null;
}

/**
 * A refused prescription because a medicine is a controlled substance (never prescribed remotely): which row,
 * from `details.field`; null for any other failure.
 */
export function controlledRefusalOf(error: unknown): ControlledRefusal | null {
  if (!(error instanceof ApiError) || error.code !== 'FORBIDDEN' || error.detail('reason') !== 'controlled_substance') return null;
  const field = error.detail('field');
  const drugClass = error.detail('class');
  const m = typeof field === 'string' ? /^items\.(\d+)\./.exec(field) : null;
  return {
    field: typeof field === 'string' ? field : 'items',
    index: m ? Number(m[1]) : null,
    drugClass: typeof drugClass === 'string' ? drugClass : null,
  };
}
