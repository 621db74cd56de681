/**
 * A reader for the SMART format of the classic test collections (CACM, ADI, CISI …).
 *
 * A record starts with `.I <id>`; inside it, a line `.X` (one upper-case letter) opens field X
 * and the following lines, up to the next field marker, are its text. A field that occurs twice
 * in one record (ADI document 67 has two `.T`) keeps both texts, joined by a space.
 */

/** One SMART record: its id and its fields by letter. */
export interface SmartRecord {
  id: string;
  /** Field letter (`T`, `W`, `A` …) -> text, lines joined by single spaces and trimmed. */
  fields: Map<string, string>;
}

const RECORD_START = /^\.I(?:\s+(\S+))?\s*$/;
const FIELD_START = /^\.([A-Z])\s*$/;

/**
 * Parses SMART-format text into records, in file order. A `.I` line without an id (CACM's file
 * ends with one) closes the previous record and opens none; lines outside any record are ignored.
 */
export function parseSmart(text: string): SmartRecord[] {
  const records: SmartRecord[] = [];
  let current: { id: string; fields: Map<string, string[]> } | undefined;
  let field: string | undefined;
  const flush = (): void => {
    if (!current) return;
    const fields = new Map<string, string>();
    for (const [letter, lines] of current.fields) {
      fields.set(letter, lines.join(' ').replace(/\s+/g, ' ').trim());
    }
    records.push({ id: current.id, fields });
  };
  for (const line of text.split(/\r?\n/)) {
    const start = RECORD_START.exec(line);
    if (start) {
      flush();
      current = start[1] === undefined ? undefined : { id: start[1], fields: new Map() };
      field = undefined;
      continue;
    }
    const marker = FIELD_START.exec(line);
    if (marker) {
      field = marker[1];
      if (current && !current.fields.has(field)) current.fields.set(field, []);
      continue;
    }
    if (current && field !== undefined) current.fields.get(field)?.push(line);
  }
  flush();
  return records;
}

/**
 * Parses SMART relevance judgements: lines `qid docid …` (extra columns ignored; in CACM and ADI
 * they are always 0 and carry no grade, so every listed pair gets grade 1). Ids are normalised to
 * plain integers (`01` -> `1`) so they match the `.I` ids.
 */
export function parseSmartQrels(text: string): Map<string, Map<string, number>> {
  const qrels = new Map<string, Map<string, number>>();
  for (const line of text.split(/\r?\n/)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 2 || !/^\d+$/.test(cols[0]) || !/^\d+$/.test(cols[1])) continue;
    const qid = String(Number(cols[0]));
    const docid = String(Number(cols[1]));
    let judged = qrels.get(qid);
    if (!judged) qrels.set(qid, (judged = new Map()));
    judged.set(docid, 1);
  }
  return qrels;
}
