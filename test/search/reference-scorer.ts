/**
 * A deliberately plain implementation of ledesearch's ranking formula, straight from the
 * definitions in lib/ranking/bm25.ts over maps built from the article text: the yardstick the
 * engine's typed-array fast path is checked against. Declared text fields (`textFields`) are
 * further BM25F fields: their average length is over the articles that have the field (a
 * non-empty string value), and a word in one of them makes the article match.
 */
import { bm25ParagraphTerm, bm25fTerm, combineScores, idf, type ResolvedRankingOptions } from '../../lib/ranking/bm25.js';
import { pairWeight, proximityBonus, queryPairs } from '../../lib/ranking/proximity.js';
import type { Analyzer, Article } from '../../lib/index.js';
import { termsOf } from '../analysis/terms-of.js';

function tfMap(terms: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** A declared text field as the reference scorer needs it. */
export interface RefTextField {
  name: string;
  weight: number;
}

export function referenceScores(
  articles: Article[], query: string, analyzer: Analyzer, r: ResolvedRankingOptions, textFields: readonly RefTextField[] = [],
): Map<string, number> {
  const docs = articles.map((a) => {
    const title = termsOf(analyzer, a.title);
    const paras = a.paragraphs.map((p) => termsOf(analyzer, p));
    // Token positions per field, for proximity: the title and each paragraph on their own.
    const fields = [a.title, ...a.paragraphs].map((text) => analyzer.analyze(text));
    // Each declared text field's terms, or null when the article has no text in it.
    const texts = textFields.map((f) => {
      const v = a.fields?.[f.name];
      if (typeof v !== 'string' || v === '') return null;
      const terms = termsOf(analyzer, v);
      return { tf: tfMap(terms), len: terms.length };
    });
    return { id: a.id, title: tfMap(title), titleLen: title.length, paras: paras.map((p) => ({ tf: tfMap(p), len: p.length })), fields, texts };
  });
  const bodyTf = docs.map((d) => {
    const m = new Map<string, number>();
    for (const p of d.paras) for (const [t, n] of p.tf) m.set(t, (m.get(t) ?? 0) + n);
    return m;
  });
  const bodyLen = docs.map((d) => d.paras.reduce((s, p) => s + p.len, 0));
  const N = docs.length;
  const allParas = docs.flatMap((d) => d.paras);
  const avgTitle = docs.reduce((s, d) => s + d.titleLen, 0) / N;
  const avgBody = bodyLen.reduce((s, n) => s + n, 0) / N;
  const avgPara = allParas.reduce((s, p) => s + p.len, 0) / allParas.length;
  const avgText = textFields.map((_, f) => {
    const have = docs.filter((d) => d.texts[f] !== null);
    return have.length ? have.reduce((s, d) => s + (d.texts[f]?.len ?? 0), 0) / have.length : 0;
  });
  const qtf = tfMap(termsOf(analyzer, query));
  const inTexts = (j: number, t: string): boolean => docs[j].texts.some((x) => x !== null && x.tf.has(t));
  const dfCache = new Map<string, number>();
  const docFreq = (t: string): number => {
    let df = dfCache.get(t);
    if (df === undefined) dfCache.set(t, (df = docs.filter((x, j) => x.title.has(t) || bodyTf[j].has(t) || inTexts(j, t)).length));
    return df;
  };
  const pdfCache = new Map<string, number>();
  const paraFreq = (t: string): number => {
    let pdf = pdfCache.get(t);
    if (pdf === undefined) pdfCache.set(t, (pdf = allParas.filter((x) => x.tf.has(t)).length));
    return pdf;
  };
  // Proximity: consecutive query words (stop words keep their slots), both in the collection.
  const pairs = r.proximityWeight > 0 ? queryPairs(analyzer.analyze(query)).filter((p) => docFreq(p.a) > 0 && docFreq(p.b) > 0) : [];
  const pairWeights = pairs.map((p) => pairWeight(idf(N, docFreq(p.a)), idf(N, docFreq(p.b))));
  const out = new Map<string, number>();
  docs.forEach((d, i) => {
    let art = 0;
    let best = 0;
    let matched = 0;
    for (const [t, w] of qtf) {
      const df = docFreq(t);
      if (df === 0) continue;
      const texts = textFields.flatMap((f, k) => {
        const x = d.texts[k];
        return x === null ? [] : [{ tf: x.tf.get(t) ?? 0, len: x.len, avgLen: avgText[k], weight: f.weight }];
      });
      const s = bm25fTerm(
        {
          tfTitle: d.title.get(t) ?? 0, tfBody: bodyTf[i].get(t) ?? 0, titleLen: d.titleLen, bodyLen: bodyLen[i], avgTitleLen: avgTitle,
          avgBodyLen: avgBody, textFields: texts,
        },
        r,
      );
      if (s > 0) matched++;
      art += w * idf(N, df) * s;
    }
    for (const p of d.paras) {
      let ps = 0;
      for (const [t, w] of qtf) {
        const pdf = paraFreq(t);
        if (pdf === 0) continue;
        ps += w * idf(allParas.length, pdf) * bm25ParagraphTerm(p.tf.get(t) ?? 0, p.len, avgPara, r);
      }
      best = Math.max(best, ps);
    }
    // A pair stands together when, in one field, b follows a by 1 … gap + slack positions.
    const together = pairs.map((p) => d.fields.some((toks) => toks.some((x) => x.term === p.a &&
      toks.some((y) => y.term === p.b && y.position - x.position >= 1 && y.position - x.position <= p.gap + r.proximitySlack))));
    if (matched > 0) out.set(d.id, combineScores(art, best, matched, qtf.size, r) +
      proximityBonus(pairWeights.reduce((sum, w, k) => (together[k] ? sum + w : sum), 0), r.proximityWeight));
  });
  return out;
}
