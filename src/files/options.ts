/** Limits and choices of a read; every limit has a default sized for real imports. */

export type FileFormat = 'csv' | 'xlsx';
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t' | '|';

/** The delimiters a CSV may use, in the order ties are broken (tab and ";" rarely occur inside values). */
export const DELIMITERS: readonly Delimiter[] = ['\t', ';', ',', '|'];

export interface ReadOptions {
  /** Largest file accepted, in bytes. Default 256 MiB. */
  maxBytes?: number;
  /** Longest record of a CSV, in characters of decoded text. Default 1 MiB. */
  maxLineBytes?: number;
  /** Most columns a row may have. Default 500. */
  maxColumns?: number;
  /** Most bytes an XLSX may inflate to, counted for real while reading. Default 512 MiB. */
  maxInflatedBytes?: number;
  /** Largest declared inflated/compressed ratio of a big XLSX part. Default 200. */
  maxCompressionRatio?: number;
  /** Largest shared-strings part of an XLSX, inflated. Default 128 MiB. */
  maxSharedStringsBytes?: number;
  /** Bytes of an XLSX's shared strings kept in memory; past them they go to a temporary file. Default 4 MiB. */
  sharedStringsInMemory?: number;
  /** Largest XLSX streamed in that is held in memory; a larger one goes to a temporary file. Default 8 MiB. */
  xlsxInMemory?: number;
  /** XLSX: read this sheet instead of the first one that has data. */
  sheet?: string;
  /** CSV: skip encoding detection. */
  encoding?: TextEncoding;
  /** CSV: skip delimiter detection. */
  delimiter?: Delimiter;
}

export type ResolvedOptions = Required<Omit<ReadOptions, 'sheet' | 'encoding' | 'delimiter'>> &
  Pick<ReadOptions, 'sheet' | 'encoding' | 'delimiter'>;

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS = {
  maxBytes: 256 * MiB,
  maxLineBytes: MiB,
  maxColumns: 500,
  maxInflatedBytes: 512 * MiB,
  maxCompressionRatio: 200,
  maxSharedStringsBytes: 128 * MiB,
  sharedStringsInMemory: 4 * MiB,
  xlsxInMemory: 8 * MiB,
} as const;

/** Fills in the defaults of the options left out. */
export function resolveOptions(options: ReadOptions = {}): ResolvedOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_LIMITS, ...defined };
}
