/**
 * VietQR: the NAPAS 247 bank-transfer QR, an EMVCo merchant-presented QR payload. Each field is its 2-digit id,
 * its 2-digit length and its value; the payload ends with a CRC-16/CCITT-FALSE over everything before it
 * (including the CRC field's own id and length, "6304").
 */

/** CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF, no reflection, no final xor), 4 upper-case hex digits. */
export function crc16Ccitt(text: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

function field(id: string, value: string): string {
  const length = new TextEncoder().encode(value).length;
  if (length > 99) throw new Error(`VietQR field ${id} is longer than 99 bytes`);
  return `${id}${String(length).padStart(2, '0')}${value}`;
}

export interface VietQrInput {
  /** The bank's 6-digit NAPAS BIN (e.g. 970436 Vietcombank, 970415 VietinBank, 970418 BIDV). */
  bankBin: string;
  accountNo: string;
  /** Whole đồng; omitted for a static QR (the payer types the amount). */
  amountVnd?: number;
  /** Shown to the payer and reported back by the bank: the payment reference. ASCII, up to 25 characters. */
  purpose?: string;
}

/** Keeps what banks accept in the purpose field: ASCII letters, digits and spaces (Vietnamese letters folded). */
export function vietQrPurpose(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^A-Za-z0-9 ]/g, '')
    .slice(0, 25);
}

/**
 * The payload string of a VietQR transfer to an account.
 *
 * @example
 * vietQrPayload({ bankBin: '970436', accountNo: '0011001234567', amountVnd: 150000, purpose: 'VX ABC123' });
 */
export function vietQrPayload(input: VietQrInput): string {
  if (!/^\d{6}$/.test(input.bankBin)) throw new Error('bankBin: 6 digits');
  if (!/^[0-9A-Za-z]{4,19}$/.test(input.accountNo)) throw new Error('accountNo: 4 to 19 letters or digits');
  if (input.amountVnd !== undefined && (!Number.isInteger(input.amountVnd) || input.amountVnd < 0 || input.amountVnd > 9_999_999_999_999))
    throw new Error('amountVnd: whole đồng');
  const beneficiary = field('00', input.bankBin) + field('01', input.accountNo);
  const merchant = field('00', 'A000000727') + field('01', beneficiary) + field('02', 'QRIBFTTA');
  let payload =
    field('00', '01') +
    field('01', input.amountVnd !== undefined ? '12' : '11') +
    field('38', merchant) +
    field('53', '704') +
    (input.amountVnd !== undefined ? field('54', String(input.amountVnd)) : '') +
    field('58', 'VN');
  const purpose = input.purpose ? vietQrPurpose(input.purpose) : '';
  if (purpose) payload += field('62', field('08', purpose));
  payload += '6304';
  return payload + crc16Ccitt(payload);
}

/** Reads a payload back into its fields (id → value), checking the CRC; for tests and for scanning a receipt. */
export function parseEmvQr(payload: string): Map<string, string> {
  const body = payload.slice(0, -4);
  if (crc16Ccitt(body) !== payload.slice(-4)) throw new Error('CRC mismatch');
  const out = new Map<string, string>();
  let i = 0;
  while (i < payload.length) {
    const id = payload.slice(i, i + 2);
    const len = Number(payload.slice(i + 2, i + 4));
    out.set(id, payload.slice(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return out;
}
