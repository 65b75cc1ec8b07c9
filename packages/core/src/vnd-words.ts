const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
/** Scale of each group of three digits below a billion, from the right; billions repeat ("một nghìn hai trăm tỷ"). */
const SCALES = ['', 'nghìn', 'triệu'] as const;
const BILLION = 1_000_000_000;

/** Three digits as read aloud; `full` when a higher group precedes, so leading zeros are read ("không trăm linh năm"). */
function group(n: number, full: boolean): string[] {
  const h = Math.floor(n / 100);
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  const words: string[] = [];
  if (h > 0 || full) words.push(DIGITS[h]!, 'trăm');
  if (t === 0) {
    if (u > 0 && words.length > 0) words.push('linh');
    if (u > 0) words.push(DIGITS[u]!);
  } else if (t === 1) {
    words.push('mười');
    if (u === 5) words.push('lăm');
    else if (u > 0) words.push(DIGITS[u]!);
  } else {
    words.push(DIGITS[t]!, 'mươi');
    if (u === 1) words.push('mốt');
    else if (u === 4) words.push('tư');
    else if (u === 5) words.push('lăm');
    else if (u > 0) words.push(DIGITS[u]!);
  }
  return words;
}

/** A whole number in words; `full` when higher digits precede it. */
function read(n: number, full: boolean): string[] {
  if (n >= BILLION) {
    const low = n % BILLION;
    return [...read(Math.floor(n / BILLION), full), 'tỷ', ...(low > 0 ? read(low, true) : [])];
  }
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    words.push(...group(g, full || i < groups.length - 1));
    const scale = SCALES[i];
    if (scale) words.push(scale);
  }
  return words;
}

/**
 * An amount of Vietnamese đồng in words, as receipts and invoices write it ("Số tiền bằng chữ"): whole đồng from 0
 * to under 10^18, capitalised, ending in "đồng".
 *
 * @example
 * vndInWords(150_000); // "Một trăm năm mươi nghìn đồng"
 * vndInWords(1_005_021); // "Một triệu không trăm linh năm nghìn không trăm hai mươi mốt đồng"
 */
export function vndInWords(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`not a whole, non-negative amount: ${amount}`);
  const words = read(amount, false);
  const text = words.length ? words.join(' ') : 'không';
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} đồng`;
}
