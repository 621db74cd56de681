/**
 * Reading exports in tests: a small RFC 4180 reader, a declared field's cell as the export
 * should write it (computed directly from the article), and NDJSON rows of a response.
 */
import type { Response, Test } from 'supertest';
import type { Article } from '../../lib/index.js';

/** A small RFC 4180 reader: quoted fields with doubled quotes, CRLF records. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else field += c;
    i += 1;
  }
  if (field !== '' || record.length > 0) throw new Error('the CSV does not end with CRLF');
  return records;
}

/** A declared field's value as an export cell: lists joined with "; ", numbers as written, nothing as empty. */
export function declaredCell(article: Article, field: string): string {
  const v = article.fields?.[field];
  return v === undefined ? '' : Array.isArray(v) ? v.join('; ') : String(v);
}

/** The NDJSON rows of an export request (supertest does not parse that type), with the response. */
export async function ndjsonRows(test: Test): Promise<{ res: Response; rows: Record<string, unknown>[] }> {
  const res = await test.buffer(true).parse((r, cb) => {
    let body = '';
    r.setEncoding('utf8');
    r.on('data', (c: string) => (body += c));
    r.on('end', () => cb(null, body));
  });
  const rows = (res.body as string).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { res, rows };
}
