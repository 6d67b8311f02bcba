import type { MessageCatalogue } from './types.ts';

/** Messages of file-level refusals: reading the file, and matching its header row to the fields. */
export const fileMessages = {
  empty_file: {
    en: 'The file is empty: export your data again and make sure the first row holds the column names.',
    fr: 'Le fichier est vide : exportez de nouveau vos données et vérifiez que la première ligne contient les noms des colonnes.',
  },
  no_data_rows: {
    en: 'The file has column names (line {line}) but no data below them: add one line per record.',
    fr: 'Le fichier contient des noms de colonnes (ligne {line}) mais aucune donnée en dessous : ajoutez une ligne par enregistrement.',
  },
  legacy_xls: {
    en: 'This is an old Excel file (.xls), which cannot be read: open it in Excel and save it as .xlsx or CSV.',
    fr: 'Ce fichier est un ancien fichier Excel (.xls), illisible ici : ouvrez-le dans Excel et enregistrez-le au format .xlsx ou CSV.',
  },
  xlsx_encrypted: {
    en: 'This Excel file is protected by a password: remove the password in Excel (File > Info) and import it again.',
    fr: 'Ce fichier Excel est protégé par un mot de passe : retirez le mot de passe dans Excel (Fichier > Informations) et importez-le de nouveau.',
  },
  not_a_spreadsheet: {
    en: 'This file is not a spreadsheet ({detected}): import a CSV file or an Excel file (.xlsx).',
    fr: 'Ce fichier n’est pas un tableur ({detected}) : importez un fichier CSV ou un fichier Excel (.xlsx).',
  },
  unsupported_extension: {
    en: 'Files ending in "{extension}" are not supported: import a .csv, .txt or .xlsx file.',
    fr: 'Les fichiers se terminant par « {extension} » ne sont pas acceptés : importez un fichier .csv, .txt ou .xlsx.',
  },
  invalid_xlsx: {
    en: 'This Excel file is damaged and cannot be read: open it in Excel, save it again as .xlsx (or CSV) and import it again.',
    fr: 'Ce fichier Excel est endommagé et illisible : ouvrez-le dans Excel, enregistrez-le de nouveau en .xlsx (ou CSV) et importez-le de nouveau.',
  },
  xlsx_too_large: {
    en: 'This Excel file holds too much data once uncompressed (more than {limit}): split it into smaller files or save it as CSV.',
    fr: 'Ce fichier Excel contient trop de données une fois décompressé (plus de {limit}) : découpez-le en fichiers plus petits ou enregistrez-le en CSV.',
  },
  xlsx_doctype_refused: {
    en: 'This Excel file contains a document type declaration, which is refused for safety: save it again from Excel or as CSV.',
    fr: 'Ce fichier Excel contient une déclaration de type de document, refusée par sécurité : enregistrez-le de nouveau depuis Excel ou en CSV.',
  },
  sheet_not_found: {
    en: 'The file has no sheet named "{sheet}" (sheets: {sheets}): choose one of them.',
    fr: 'Le fichier n’a pas de feuille nommée « {sheet} » (feuilles : {sheets}) : choisissez-en une.',
  },
  unterminated_quote: {
    en: 'Line {line}: a value opens a quote (") that is never closed: close it or remove it, then import the file again.',
    fr: 'Ligne {line} : une valeur ouvre un guillemet (") qui n’est jamais fermé : fermez-le ou supprimez-le, puis importez de nouveau le fichier.',
  },
  malformed_quote: {
    en: 'Line {line}: a quoted value is followed by other characters before the separator: put the whole value inside the quotes, doubling any quote inside it ("").',
    fr: 'Ligne {line} : une valeur entre guillemets est suivie d’autres caractères avant le séparateur : mettez toute la valeur entre guillemets, en doublant les guillemets qu’elle contient ("").',
  },
  mixed_encoding: {
    en: 'Line {line} is not written in the same character encoding as the lines before it: save the whole file as "CSV UTF-8" and import it again.',
    fr: 'La ligne {line} n’utilise pas le même encodage de caractères que les lignes précédentes : enregistrez tout le fichier au format « CSV UTF-8 » et importez-le de nouveau.',
  },
  unreadable_bytes: {
    en: 'Line {line} holds bytes that are not text in the file’s character encoding (it may have been saved in another one): save the file as "CSV UTF-8" and import it again.',
    fr: 'La ligne {line} contient des octets qui ne sont pas du texte dans l’encodage de caractères du fichier (il a pu être enregistré dans un autre) : enregistrez le fichier au format « CSV UTF-8 » et importez-le de nouveau.',
  },
  line_too_long: {
    en: 'Line {line} is longer than {limit} characters: check the separators and quotes on that line.',
    fr: 'La ligne {line} dépasse {limit} caractères : vérifiez les séparateurs et les guillemets de cette ligne.',
  },
  too_many_columns: {
    en: 'Line {line} has {count} columns, more than the {limit} allowed: remove the extra columns.',
    fr: 'La ligne {line} a {count} colonnes, plus que les {limit} autorisées : supprimez les colonnes en trop.',
  },
  file_too_large: {
    en: 'The file is larger than {limit}: split it into smaller files.',
    fr: 'Le fichier dépasse {limit} : découpez-le en fichiers plus petits.',
  },
  duplicate_column: {
    en: 'The columns "{first}" and "{second}" both match the field "{field}": keep only one, or change the column mapping.',
    fr: 'Les colonnes « {first} » et « {second} » correspondent toutes deux au champ « {field} » : n’en gardez qu’une, ou modifiez l’association des colonnes.',
  },
  duplicate_header: {
    en: 'The column "{header}" appears more than once: keep only one, or change the column mapping.',
    fr: 'La colonne « {header} » apparaît plusieurs fois : n’en gardez qu’une, ou modifiez l’association des colonnes.',
  },
  missing_required_column: {
    en: 'The file has no "{field}" column: add it (see the template) or map one of the file’s columns to it.',
    fr: 'Le fichier n’a pas de colonne « {field} » : ajoutez-la (voir le modèle) ou associez-lui une colonne du fichier.',
  },
  unknown_field: {
    en: 'The column mapping names an unknown field "{field}": choose a field from the list.',
    fr: 'L’association des colonnes désigne un champ inconnu « {field} » : choisissez un champ dans la liste.',
  },
  unknown_column: {
    en: 'The column mapping names a column "{column}" that is not in the file: map the file’s columns again.',
    fr: 'L’association des colonnes désigne une colonne « {column} » absente du fichier : associez de nouveau les colonnes du fichier.',
  },
  ambiguous_column: {
    en: 'The column mapping designates the column "{column}" more than once or ambiguously: map each column once, by position.',
    fr: 'L’association des colonnes désigne la colonne « {column} » plusieurs fois ou de façon ambiguë : associez chaque colonne une seule fois, par position.',
  },
} satisfies MessageCatalogue;
