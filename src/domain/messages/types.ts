/** A message template per language; `{name}` is replaced by the parameter of that name. */
export interface MessageDef {
  en: string;
  fr: string;
}

export type MessageCatalogue = Record<string, MessageDef>;

export type Lang = 'en' | 'fr';
