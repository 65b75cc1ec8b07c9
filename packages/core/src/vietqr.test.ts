import { describe, expect, it } from 'vitest';
import { crc16Ccitt, parseEmvQr, vietQrPayload, vietQrPurpose } from './vietqr.js';

describe('VietQR', () => {
  it('computes CRC-16/CCITT-FALSE (check value of "123456789" is 29B1)', () => {
    expect(crc16Ccitt('123456789')).toBe('29B1');
    expect(crc16Ccitt('')).toBe('FFFF');
  });

  it('builds a dynamic NAPAS transfer QR with the amount, the currency, the country and the purpose', () => {
    const p = vietQrPayload({ bankBin: '970436', accountNo: '0011001234567', amountVnd: 150000, purpose: 'VX Khám từ xa 7F3K' });
    expect(p.startsWith('000201010212')).toBe(true);
    const f = parseEmvQr(p);
    expect(f.get('53')).toBe('704');
    expect(f.get('54')).toBe('150000');
    expect(f.get('58')).toBe('VN');
    const merchant = parseEmvQr(`${f.get('38')!}6304${crc16Ccitt(`${f.get('38')!}6304`)}`);
    expect(merchant.get('00')).toBe('A000000727');
    expect(merchant.get('02')).toBe('QRIBFTTA');
    expect(merchant.get('01')).toBe('00069704360113' + '0011001234567');
    expect(f.get('62')).toBe('0818VX Kham tu xa 7F3K');
    expect(p).toMatch(/6304[0-9A-F]{4}$/);
  });

  it('is static without an amount, and refuses bad input', () => {
    expect(vietQrPayload({ bankBin: '970415', accountNo: '123456789' }).slice(6, 12)).toBe('010211');
    expect(() => vietQrPayload({ bankBin: '97041', accountNo: '123456789' })).toThrow(/bankBin/);
    expect(() => vietQrPayload({ bankBin: '970415', accountNo: '12', amountVnd: 1 })).toThrow(/accountNo/);
    expect(() => vietQrPayload({ bankBin: '970415', accountNo: '123456789', amountVnd: 1.5 })).toThrow(/amountVnd/);
  });

  it('detects a damaged payload and keeps purposes ASCII', () => {
    const p = vietQrPayload({ bankBin: '970418', accountNo: '123456789', amountVnd: 5000 });
    expect(() => parseEmvQr(p.replace('5000', '5001'))).toThrow(/CRC/);
    expect(vietQrPurpose('Đơn #42: thuốc – huyết áp')).toBe('Don 42 thuoc  huyet ap');
  });
});
