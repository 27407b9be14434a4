// Structured text read as records: a flattened JSON line ("accounts[0].login: x", as the parser
// writes JSON) and a CSV row under its header line ("type,value,comment"). A value's field says
// what it is: a version field holds no address, a references field holds citations, a platform
// field beside a login field makes that login an account.

export interface Cell {
  value: string;
  /** Offsets of the value in the text. */
  start: number;
  end: number;
}

export interface Row {
  /** Field name (lower case, as written otherwise) -> its cell. */
  fields: Map<string, Cell>;
  /** The record's own name: its JSON path without indexes, lower case ("case.victim"); '' for a CSV row. */
  path: string;
}

export interface RecordReader {
  /** The field name of the value at `offset`, lower case ('' outside any record). */
  fieldAt(offset: number): string;
  /** Every record of the text, in order. */
  rows(): readonly Row[];
}

/** A header cell: a name of one to three words, nothing a value would carry (dots, slashes, @). */
const HEADER_CELL = /^[A-Za-z][A-Za-z0-9_()-]{0,30}(?: [A-Za-z0-9_()-]{1,30}){0,2}$/;
/** A cell only a value has: an address, a host, a number. */
const VALUE_CELL = /[.:/@\d]/;
/** A column that types each row's value ("type,value": "ip,45.61.12.8"). */
const TYPE_COLUMN = /^(?:type|kind|category|indicator[ _]?type|ioc[ _]?type)$/;
const VALUE_COLUMN = /^(?:value|indicator|ioc|observable|data)$/;
/** A quick test before the cells are split: names only, joined by one delimiter kind or another. */
const HEADER_LINE = /^[A-Za-z][\w ()-]*(?:[,\t;] ?[A-Za-z][\w ()-]*)+$/;
const DELIMITERS = [',', '\t', ';'] as const;
/** "accounts[0].login: value": a path with a dot or a bracket, then the value. */
const PATH_LINE = /^([A-Za-z_$[][^:\s]{0,200}): (.*)$/;

interface Line {
  start: number;
  end: number;
}

/** The cells of one delimited line, with their offsets; a quoted cell loses its quotes. */
function splitCells(text: string, line: Line, delimiter: string): Cell[] {
  const cells: Cell[] = [];
  let i = line.start;
  while (i <= line.end) {
    let start = i;
    let end: number;
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0 || close > line.end) return [];
      start = i + 1;
      end = close;
      i = close + 1;
      while (i < line.end && text[i] !== delimiter) i++;
    } else {
      const next = text.indexOf(delimiter, i);
      end = next < 0 || next > line.end ? line.end : next;
      i = end;
    }
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s] as string)) s++;
    while (e > s && /\s/.test(text[e - 1] as string)) e--;
    cells.push({ value: text.slice(s, e), start: s, end: e });
    i++;
  }
  return cells;
}

/** The header's delimiter, where `line` is a header the next line's cell count agrees with. */
function headerDelimiter(text: string, line: Line, next: Line | undefined): string | undefined {
  if (!next) return undefined;
  for (const d of DELIMITERS) {
    const head = splitCells(text, line, d);
    if (head.length < 2 || !head.every((c) => HEADER_CELL.test(c.value))) continue;
    if (splitCells(text, next, d).length === head.length) return d;
  }
  return undefined;
}

const NONE: RecordReader = { fieldAt: () => '', rows: () => [] };
/** Whether any line could open a record: a flattened JSON path or a header line. */
const ANY_RECORD =
  /^(?:[A-Za-z_$[][^:\s.[]{0,100}[.[][^:\s]{0,200}: |[A-Za-z][\w ()-]*(?:[,\t;] ?[A-Za-z][\w ()-]*)+$)/m;

export function createRecordReader(text: string): RecordReader {
  // Most reports are prose: one scan says there is nothing to read as records.
  if (!ANY_RECORD.test(text)) return NONE;
  const lines: Line[] = [];
  for (let s = 0; s <= text.length; ) {
    const nl = text.indexOf('\n', s);
    const e = nl < 0 ? text.length : nl;
    lines.push({ start: s, end: e });
    s = e + 1;
  }
  const rows: Row[] = [];
  /** Line index -> field names of its cells, in order, with the cells' offsets. */
  const cellsOfLine = new Map<number, Array<{ name: string; cell: Cell }>>();

  // CSV: a header line, then the rows with as many cells; a line that disagrees ends the table.
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i] as Line;
    if (line.end - line.start > 300 || !HEADER_LINE.test(text.slice(line.start, line.end))) continue;
    const d = headerDelimiter(text, line, lines[i + 1]);
    if (!d) continue;
    const names = splitCells(text, line, d).map((c) => c.value.toLowerCase());
    const table: Array<Array<{ name: string; cell: Cell }>> = [];
    let k = i + 1;
    for (; k < lines.length; k++) {
      const cells = splitCells(text, lines[k] as Line, d);
      if (cells.length !== names.length) break;
      table.push(cells.map((cell, c) => ({ name: names[c] as string, cell })));
    }
    // Two lines of prose with one comma each are no table: a table holds values.
    if (!table.some((row) => row.some(({ cell }) => VALUE_CELL.test(cell.value)))) continue;
    for (const [n, named] of table.entries()) {
      // "version,6.1.7.4" under "type,value": a type column names what the value column holds.
      const type = named.find(({ name }) => TYPE_COLUMN.test(name))?.cell.value.toLowerCase();
      const meant = named.map(({ name, cell }) => ({ name: type && VALUE_COLUMN.test(name) ? type : name, cell }));
      cellsOfLine.set(i + 1 + n, meant);
      rows.push({ fields: new Map(named.map(({ name, cell }) => [name, cell])), path: '' });
    }
    i = k - 1;
  }

  // Flattened JSON: the lines that share a path prefix are one record.
  let current: { prefix: string; row: Row } | undefined;
  for (const [i, line] of lines.entries()) {
    const m = PATH_LINE.exec(text.slice(line.start, line.end));
    if (!m || !/[.[]/.test(m[1] as string)) {
      current = undefined;
      continue;
    }
    // "case.sources[2]" is the field "sources" of the record "case"; "accounts[0].login" the
    // field "login" of the record "accounts[0]".
    const path = (m[1] as string).replace(/(?:\[\d+\])+$/, '');
    const cut = Math.max(path.lastIndexOf(']') + 1, path.lastIndexOf('.'));
    const prefix = path.slice(0, Math.max(cut, 0));
    const name = path.slice(cut).replace(/^\./, '').toLowerCase();
    const valueStart = line.start + (m[1] as string).length + 2;
    const cell = { value: m[2] as string, start: valueStart, end: line.end };
    if (!current || current.prefix !== prefix) {
      current = { prefix, row: { fields: new Map(), path: prefix.replace(/\[\d+\]/g, '').toLowerCase() } };
      rows.push(current.row);
    }
    if (name && !current.row.fields.has(name)) current.row.fields.set(name, cell);
    cellsOfLine.set(i, [{ name, cell }]);
  }

  const lineStarts = lines.map((l) => l.start);
  const lineIndex = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    fieldAt(offset) {
      const cells = cellsOfLine.get(lineIndex(offset));
      return cells?.find(({ cell }) => cell.start <= offset && offset < Math.max(cell.end, cell.start + 1))?.name ?? '';
    },
    rows: () => rows,
  };
}
