import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
// DejaVu Sans covers every Vietnamese letter with its diacritics, embedded as a subset.
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/**
 * A PDF being written, with the fonts `body` and `bold` registered: `done` resolves with its bytes once `doc.end()`
 * is called; `field` writes "Label: value" (a dash for an empty value) at `size` points, or the current size.
 *
 * @example
 * const { doc, done, field } = pdfDocument({ size: 'A5', margins: { top: 36, bottom: 36, left: 40, right: 40 } }, 'Biên lai BL1');
 * field('Người bệnh', 'Nguyễn Văn A');
 * doc.end();
 * const bytes = await done;
 */
export function pdfDocument(
  layout: { size: 'A4' | 'A5'; margins: { top: number; bottom: number; left: number; right: number } },
  title: string,
  fieldSize?: number,
) {
  const doc = new PDFDocument({ ...layout, info: { Title: title, Creator: 'Vươn Xa' } });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const field = (label: string, value: string) => {
    doc.font('bold');
    if (fieldSize) doc.fontSize(fieldSize);
    return doc
      .text(`${label}: `, { continued: true })
      .font('body')
      .text(value || '—');
  };
  return { doc, done, field };
}
