import { describe, expect, it } from 'vitest';
import { normaliseCountry } from '../../../src/domain/values/country.ts';
import { ISO_COUNTRIES } from '../../../src/domain/values/country-codes.ts';

describe('normaliseCountry', () => {
  it.each([
    ['FR', 'FR'],
    ['fr', 'FR'],
    [' FRA ', 'FR'],
    ['France', 'FR'],
    ['france', 'FR'],
    ['Royaume-Uni', 'GB'],
    ['Royaume Uni', 'GB'],
    ['UK', 'GB'],
    ['GBR', 'GB'],
    ['United Kingdom', 'GB'],
    ['Great Britain', 'GB'],
    ['Angleterre', 'GB'],
    ['USA', 'US'],
    ['U.S.A.', 'US'],
    ['United States', 'US'],
    ['États-Unis', 'US'],
    ['Etats Unis', 'US'],
    ['Allemagne', 'DE'],
    ['Deutschland', 'DE'],
    ['Germany', 'DE'],
    ['DEU', 'DE'],
    ['Suisse', 'CH'],
    ['Switzerland', 'CH'],
    ['Schweiz', 'CH'],
    ['Canada', 'CA'],
    ['Maroc', 'MA'],
    ['Morocco', 'MA'],
    ['Tunisie', 'TN'],
    ['Algérie', 'DZ'],
    ['Sénégal', 'SN'],
    ["Côte d'Ivoire", 'CI'],
    ['Cote d’Ivoire', 'CI'],
    ['Ivory Coast', 'CI'],
    ['Belgique', 'BE'],
    ['België', 'BE'],
    ['Luxembourg', 'LU'],
    ['Monaco', 'MC'],
    ['Pays-Bas', 'NL'],
    ['les Pays-Bas', 'NL'],
    ['The Netherlands', 'NL'],
    ['Holland', 'NL'],
    ['Espagne', 'ES'],
    ['España', 'ES'],
    ['Italie', 'IT'],
    ["l'Italie", 'IT'],
    ['Grèce', 'GR'],
    ['EL', 'GR'],
    ['Tchéquie', 'CZ'],
    ['Czech Republic', 'CZ'],
    ['Irlande', 'IE'],
    ['Norvège', 'NO'],
    ['Islande', 'IS'],
    ['Liechtenstein', 'LI'],
    ['La Réunion', 'RE'],
    ['Kosovo', 'XK'],
  ])('reads %j as %s', (input, expected) => {
    expect(normaliseCountry(input)).toEqual({ ok: true, value: expected });
  });

  // Every EU and EEA member, by its English and its French name.
  it.each([
    ['AT', 'Austria', 'Autriche'],
    ['BE', 'Belgium', 'Belgique'],
    ['BG', 'Bulgaria', 'Bulgarie'],
    ['HR', 'Croatia', 'Croatie'],
    ['CY', 'Cyprus', 'Chypre'],
    ['CZ', 'Czechia', 'Tchéquie'],
    ['DK', 'Denmark', 'Danemark'],
    ['EE', 'Estonia', 'Estonie'],
    ['FI', 'Finland', 'Finlande'],
    ['FR', 'France', 'France'],
    ['DE', 'Germany', 'Allemagne'],
    ['GR', 'Greece', 'Grèce'],
    ['HU', 'Hungary', 'Hongrie'],
    ['IE', 'Ireland', 'Irlande'],
    ['IT', 'Italy', 'Italie'],
    ['LV', 'Latvia', 'Lettonie'],
    ['LT', 'Lithuania', 'Lituanie'],
    ['LU', 'Luxembourg', 'Luxembourg'],
    ['MT', 'Malta', 'Malte'],
    ['NL', 'Netherlands', 'Pays-Bas'],
    ['PL', 'Poland', 'Pologne'],
    ['PT', 'Portugal', 'Portugal'],
    ['RO', 'Romania', 'Roumanie'],
    ['SK', 'Slovakia', 'Slovaquie'],
    ['SI', 'Slovenia', 'Slovénie'],
    ['ES', 'Spain', 'Espagne'],
    ['SE', 'Sweden', 'Suède'],
    ['IS', 'Iceland', 'Islande'],
    ['LI', 'Liechtenstein', 'Liechtenstein'],
    ['NO', 'Norway', 'Norvège'],
  ])('reads %s from %j and %j', (code, english, french) => {
    expect(normaliseCountry(english)).toEqual({ ok: true, value: code });
    expect(normaliseCountry(french)).toEqual({ ok: true, value: code });
  });

  it('reads every ISO alpha-2 and alpha-3 code of the table', () => {
    const tokens = ISO_COUNTRIES.trim().split(/\s+/);
    expect(tokens).toHaveLength(2 * 250);
    for (let i = 0; i < tokens.length; i += 2) {
      const [two = '', three = ''] = [tokens[i], tokens[i + 1]];
      expect(normaliseCountry(two)).toEqual({ ok: true, value: two });
      expect(normaliseCountry(three.toLowerCase())).toEqual({ ok: true, value: two });
    }
  });

  it.each(['Narnia', 'ZZ', 'XYZ', 'Europe', 'EU', 'Fr ance land', '12'])('refuses %j', (input) => {
    expect(normaliseCountry(input)).toEqual({
      ok: false,
      error: { code: 'unknown_country', params: { value: input } },
    });
  });
});
