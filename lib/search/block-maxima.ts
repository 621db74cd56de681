/**
 * Block maxima of the article postings (Ding & Suel's block-max indexes; Lucene's impacts per
 * skip block): each term's article postings cut into blocks of {@link BLOCK_SIZE}, and per block
 * the largest whole-article impact and the largest best-paragraph impact among its postings.
 * Their weighted sum bounds every posting of the block, so the pruned top-k
 * (`pruned-top-k.ts`) can pass over a block, or a window of documents, without reading it.
 *
 * Derived from the per-posting impacts whenever they are recomputed (`QueryEvaluator.prepare`),
 * never stored in a snapshot: about 8 bytes per 64 postings.
 */

/** Postings per block. 64: fine enough to skip most of a common word's list, cheap to scan. */
export const BLOCK_SIZE = 64;
/** log2 of {@link BLOCK_SIZE}. */
export const BLOCK_SHIFT = 6;

/** Per-block maxima of the article postings' impacts. */
export interface BlockMaxima {
  /** Term t's blocks are `firstBlock[t] .. firstBlock[t + 1)`; block j of t covers postings `offsets[t] + j·64 …`. */
  firstBlock: Int32Array;
  /** Largest whole-article impact (`artImpact`) per block. */
  maxImpact: Float32Array;
  /** Largest best-paragraph impact (`paraBound`) per block. */
  maxParaBound: Float32Array;
  /** The same two maxima over each term's whole list. */
  termMaxImpact: Float32Array;
  termMaxParaBound: Float32Array;
}

/** An empty set of block maxima, for an index with no postings yet. */
export const NO_BLOCKS: BlockMaxima = {
  firstBlock: new Int32Array(1), maxImpact: new Float32Array(0), maxParaBound: new Float32Array(0), termMaxImpact: new Float32Array(0), termMaxParaBound: new Float32Array(0),
};

/**
 * The block maxima of `numTerms` terms' postings `offsets[t] .. offsets[t + 1)`, given the
 * per-posting impacts. One pass over the impacts.
 */
export function computeBlockMaxima(offsets: Int32Array, numTerms: number, artImpact: Float32Array, paraBound: Float32Array): BlockMaxima {
  const firstBlock = new Int32Array(numTerms + 1);
  let numBlocks = 0;
  for (let t = 0; t < numTerms; t++) {
    firstBlock[t] = numBlocks;
    numBlocks += (offsets[t + 1] - offsets[t] + BLOCK_SIZE - 1) >> BLOCK_SHIFT;
  }
  firstBlock[numTerms] = numBlocks;
  const maxImpact = new Float32Array(numBlocks);
  const maxParaBound = new Float32Array(numBlocks);
  const termMaxImpact = new Float32Array(numTerms);
  const termMaxParaBound = new Float32Array(numTerms);
  for (let t = 0; t < numTerms; t++) {
    const start = offsets[t];
    const end = offsets[t + 1];
    let ta = 0;
    let tp = 0;
    for (let b = firstBlock[t], i = start; i < end; b++) {
      const blockEnd = Math.min(i + BLOCK_SIZE, end);
      let a = 0;
      let p = 0;
      for (; i < blockEnd; i++) {
        if (artImpact[i] > a) a = artImpact[i];
        if (paraBound[i] > p) p = paraBound[i];
      }
      maxImpact[b] = a;
      maxParaBound[b] = p;
      if (a > ta) ta = a;
      if (p > tp) tp = p;
    }
    termMaxImpact[t] = ta;
    termMaxParaBound[t] = tp;
  }
  return { firstBlock, maxImpact, maxParaBound, termMaxImpact, termMaxParaBound };
}
