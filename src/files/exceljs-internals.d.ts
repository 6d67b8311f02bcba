// ExcelJS's SAX helper (saxes underneath), used to stream XLSX parts we inflate ourselves. ExcelJS is pinned
// to an exact version in package.json; the XLSX tests cover this contract.
declare module 'exceljs/lib/utils/parse-sax.js' {
  export interface SaxNode {
    name: string;
    attributes: Record<string, string>;
    isSelfClosing?: boolean;
  }
  export type SaxEvent =
    | { eventType: 'opentag'; value: SaxNode }
    | { eventType: 'closetag'; value: SaxNode }
    | { eventType: 'text'; value: string };
  export default function parseSax(iterable: AsyncIterable<string | Uint8Array>): AsyncGenerator<SaxEvent[]>;
}
