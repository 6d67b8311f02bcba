import type { Params } from '../result.ts';
import { coreMessages } from './core.ts';
import { fileMessages } from './file.ts';
import { importMessages } from './import.ts';
import { lineMessages } from './line.ts';
import { notificationMessages } from './notification.ts';
import { settingsMessages } from './settings.ts';
import type { Lang, MessageCatalogue } from './types.ts';

export type { Lang, MessageCatalogue, MessageDef } from './types.ts';

/** Every error code Clientele can answer, with its English and French message. */
export const MESSAGES: MessageCatalogue = {
  ...coreMessages,
  ...fileMessages,
  ...lineMessages,
  ...importMessages,
  ...notificationMessages,
  ...settingsMessages,
};

/** The message of a code in a language, parameters filled in; an unknown code reads as itself. */
export function translate(code: string, lang: Lang, params: Params = {}): string {
  const def = MESSAGES[code];
  if (!def) return code;
  return def[lang].replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    return v === undefined ? '' : String(v);
  });
}
