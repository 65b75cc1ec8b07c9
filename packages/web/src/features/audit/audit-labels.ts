import type { Translator } from '../../i18n/i18n';

/** The action in words when the catalogs know it; a newer server action shows its code (data, not a key). */
export function actionLabel(t: Translator, action: string): string {
  const key = `audit.action.${action}`;
  return t.has(key) ? t(key) : action;
}

/** The first block of a UUID, enough to tell records apart on screen; the full id is in the details. */
export function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}
