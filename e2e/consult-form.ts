import type { Page } from 'playwright-core';

/** What a commune clinician types into the request form (`/consults/new`). */
export interface RequestInput {
  /** Typed into the patient picker (without diacritics works). */
  patient: string;
  urgency: 'emergency' | 'urgent' | 'routine';
  history: string;
  examination: string;
  question: string;
  /** Paths of the files to attach; the form waits until each has finished uploading. */
  files: string[];
}

/**
 * Fills the request form as the signed-in clinician on `page` does: patient, remote consultation in cardiology to
 * Bạch Mai, the clinical summary, the question, I10, and the files (uploaded in chunks before submitting). Leaves
 * the form ready to submit.
 *
 * @example
 * await fillRequest(nurse, base, { patient: 'sung thi my', urgency: 'urgent', history: '…', examination: '…', question: '…', files });
 * await nurse.getByTestId('consult-submit').click();
 */
export async function fillRequest(page: Page, baseUrl: string, r: RequestInput, timeoutMs = 20_000): Promise<void> {
  await page.goto(`${baseUrl}/consults/new`);
  await page.getByTestId('consult-form').waitFor({ timeout: timeoutMs });
  await page.getByTestId('consult-patient-picker').fill(r.patient);
  await page.getByTestId('consult-patient-choose').first().click();
  await page.getByTestId('consult-patient-chosen').waitFor();
  await page.getByTestId('consult-type').selectOption('remote_consultation');
  await page.getByTestId('consult-urgency').selectOption(r.urgency);
  await page.getByTestId('consult-specialty').selectOption('cardiology');
  // The hubs are suggested from the support links once the specialty is chosen.
  await page.waitForFunction(() => {
    const s = document.querySelector<HTMLSelectElement>('[data-testid="consult-hub"]');
    return !!s && !s.disabled && Array.from(s.querySelectorAll('option')).some((o) => o.text.includes('Bạch Mai'));
  });
  const hub = page.getByTestId('consult-hub');
  const bachMai = await hub.locator('option', { hasText: 'Bạch Mai' }).first().getAttribute('value');
  await hub.selectOption(bachMai);
  await page.getByTestId('consult-history').fill(r.history);
  await page.getByTestId('consult-examination').fill(r.examination);
  await page.getByTestId('consult-question').fill(r.question);
  await page.getByTestId('icd10-picker').fill('I10');
  await page.getByTestId('icd10-option').first().click();
  await page.getByTestId('icd10-chosen').first().waitFor();
  await page.getByTestId('attachment-input').setInputFiles(r.files);
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="attachment-progress"][data-state="done"]').length === n,
    r.files.length,
    { timeout: 60_000 },
  );
}
