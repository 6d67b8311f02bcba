/**
 * The error file of an import: the refused lines with their original columns, in the input's delimiter, plus
 * an error column ("Error" / "Erreur"), UTF-8 with a BOM, so the person fixes it and imports it again (the
 * error column matches no field and is ignored then). Cells are padded to the header's width so the error
 * lines up under its header; cells beyond the header (no column name) follow the error cell.
 */
import type { Lang } from '../domain/messages/types.ts';
import { writeCsv } from './csv-writer.ts';
import type { Delimiter } from './options.ts';

export interface RefusedLine {
  cells: readonly string[];
  /** The message, already in the person's language. */
  error: string;
}

const ERROR_HEADER: Record<Lang, string> = { en: 'Error', fr: 'Erreur' };

/** Streams the error file of an import. */
export function writeErrorFile(options: {
  header: readonly string[];
  lines: Iterable<RefusedLine> | AsyncIterable<RefusedLine>;
  delimiter: Delimiter;
  lang: Lang;
}): AsyncGenerator<Buffer> {
  const width = options.header.length;
  async function* rows(): AsyncGenerator<string[]> {
    for await (const line of options.lines) {
      const cells = [...line.cells.slice(0, width)];
      while (cells.length < width) cells.push('');
      yield [...cells, line.error, ...line.cells.slice(width)];
    }
  }
  return writeCsv([...options.header, ERROR_HEADER[options.lang]], rows(), { delimiter: options.delimiter });
}
