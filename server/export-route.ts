/**
 * GET /api/export: every matching article of a search as a CSV or NDJSON download, streamed
 * with backpressure, refused with a 400 before anything is written when there are more than the
 * server's limit.
 */
import { once } from 'node:events';
import type { RequestHandler } from 'express';
import type { ApiContext } from './api-context.js';
import { csvHeader, exportColumns, exportFileName, formatExportRow, type ExportField, type ExportFormat } from './export-format.js';
import { exportRows } from './export-rows.js';
import { HttpError } from './http-error.js';
import { splitListParameters, toSearchOptions, type SearchParams } from './search-params.js';

/** Rows an export may have unless the server is told otherwise (`LEDESEARCH_EXPORT_MAX`). */
export const DEFAULT_EXPORT_MAX = 100_000;

/** Bytes gathered before a write, so that a large export is not a million tiny writes. */
const CHUNK_BYTES = 64 * 1024;

/** Parameters of GET /api/export after validation (`schema/export-request.schema.json`). */
type ExportParams = Omit<SearchParams, 'limit' | 'offset' | 'facets' | 'facetLimit' | 'histogram' | 'histogramNormalize' | 'compare' | 'collapseCount' | 'snippets' | 'snippetLength' | 'parts'> & {
  format: ExportFormat;
  fields?: ExportField[];
};

/** The handler of GET /api/export, allowing at most `max` rows. */
export function createExportHandler(ctx: ApiContext, max: number): RequestHandler {
  return async (req, res) => {
    const p = ctx.schemas.parseRequest<ExportParams>('export-request', splitListParameters({ ...(req.query as Record<string, unknown>) }));
    const { query, options } = toSearchOptions({ ...p, limit: 0, offset: 0, facetLimit: 1, histogram: '0', histogramNormalize: '0', collapseCount: 'groups', snippets: 0, snippetLength: 200, parts: [] }, ctx.schema);
    const { limit: _l, offset: _o, snippets: _s, snippetLength: _sl, snippetParts: _sp, facets: _f, facetLimit: _fl, dateHistogram: _h, ...exportOptions } = options;
    // The index in service now: a reindex swap during a long export does not mix two indexes.
    const { index } = ctx.holder.current;
    const { total, rows } = exportRows(index, query, exportOptions);
    if (total > max) {
      throw new HttpError(
        400,
        'export_too_large',
        `the search matches ${total} articles, more than this server exports at once (${max}); narrow it with filters or dates`,
      );
    }
    const columns = exportColumns(p.fields ?? [], p.collapse !== undefined);
    const fileName = exportFileName(query, p.format);
    res.status(200).set({
      'Content-Type': p.format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'no-store',
      'X-Total-Count': String(total),
    });
    let closed = false;
    res.on('close', () => {
      closed = true;
    });
    let chunk = p.format === 'csv' ? csvHeader(columns) : '';
    for (const row of rows) {
      if (closed) return;
      chunk += formatExportRow(p.format, row, columns);
      if (chunk.length >= CHUNK_BYTES) {
        const ok = res.write(chunk);
        chunk = '';
        // Backpressure: wait until the client has taken what is buffered (or has gone away).
        if (!ok) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
    }
    if (!closed) res.end(chunk);
  };
}
