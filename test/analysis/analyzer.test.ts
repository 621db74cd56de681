import { expect } from 'chai';
import { createAnalyzer, DEFAULT_STOP_WORDS, type Analyzer } from '../../lib/analysis/analyzer.js';
import type { Token } from '../../lib/types.js';
import { termsOf } from './terms-of.js';

/** [term, surface] pairs: what each token became, and the text it covers. */
function pairs(analyzer: Analyzer, text: string): [string, string][] {
  return analyzer.analyze(text).map((t) => [t.term, text.slice(t.start, t.end)]);
}

describe('Analyzer', () => {
  const analyzer = createAnalyzer();
  const plain = createAnalyzer({ stem: false, stopWords: false });

  describe('#analyze', () => {
    it('returns terms with offsets and positions', () => {
      expect(analyzer.analyze('North Korea fired missiles')).to.deep.equal([
        { term: 'north', start: 0, end: 5, position: 0 },
        { term: 'korea', start: 6, end: 11, position: 1 },
        { term: 'fire', start: 12, end: 17, position: 2 },
        { term: 'missil', start: 18, end: 26, position: 3 },
      ] satisfies Token[]);
    });

    it('returns no tokens for empty or word-less text', () => {
      expect(analyzer.analyze('')).to.deep.equal([]);
      expect(analyzer.analyze('  — … “” 😀 -- \'’ ')).to.deep.equal([]);
    });

    it('removes stop words but counts them in positions', () => {
      expect(analyzer.analyze('the launch of a missile').map((t) => [t.term, t.position])).to.deep.equal([
        ['launch', 1],
        ['missil', 4],
      ]);
    });

    it('lower-cases', () => {
      expect(termsOf(plain, 'PYONGYANG Seoul tOKYO')).to.deep.equal(['pyongyang', 'seoul', 'tokyo']);
    });

    it('gives "missiles", "missile", "Missile\'s" and "MISSILES" the same term', () => {
      expect(termsOf(analyzer, "missiles missile Missile's MISSILES Missile’s")).to.deep.equal(Array(5).fill('missil'));
    });

    describe('apostrophes and possessives', () => {
      it('removes a possessive with a curly or straight apostrophe, covering it in the offsets', () => {
        expect(pairs(plain, 'Seoul’s Korea\'s KOREA\'S')).to.deep.equal([
          ['seoul', 'Seoul’s'],
          ['korea', "Korea's"],
          ['korea', "KOREA'S"],
        ]);
      });

      it('treats the modifier letter apostrophe (U+02BC) like the others', () => {
        expect(pairs(plain, 'Seoulʼs donʼt')).to.deep.equal([
          ['seoul', 'Seoulʼs'],
          ['dont', 'donʼt'],
        ]);
      });

      it('drops inner apostrophes of contractions and elisions', () => {
        expect(termsOf(plain, "don't o'clock rock’n’roll O'Neill")).to.deep.equal(['dont', 'oclock', 'rocknroll', 'oneill']);
      });

      it('leaves a trailing apostrophe out of the token', () => {
        expect(pairs(plain, 'the Koreans’ plan, the players\' union')).to.deep.equal([
          ['the', 'the'],
          ['koreans', 'Koreans'],
          ['plan', 'plan'],
          ['the', 'the'],
          ['players', 'players'],
          ['union', 'union'],
        ]);
      });

      it('leaves a leading apostrophe or quote out of the token', () => {
        expect(pairs(plain, "'90s ‘quoted’ 'tis")).to.deep.equal([
          ['90s', '90s'],
          ['quoted', 'quoted'],
          ['tis', 'tis'],
        ]);
      });

      it('turns "it\'s" into a stop word, as Lucene\'s possessive filter does', () => {
        expect(termsOf(analyzer, "it's Seoul's")).to.deep.equal(['seoul']);
      });
    });

    describe('hyphens', () => {
      it('splits hyphenated words into parts with their own offsets', () => {
        expect(analyzer.analyze('US-North Jong-un')).to.deep.equal([
          { term: 'us', start: 0, end: 2, position: 0 },
          { term: 'north', start: 3, end: 8, position: 1 },
          { term: 'jong', start: 9, end: 13, position: 2 },
          { term: 'un', start: 14, end: 16, position: 3 },
        ]);
      });

      it('splits on Unicode hyphens and dashes too', () => {
        expect(termsOf(plain, 'anti\u2010missile pre\u2011war 1990\u20132000 a\u2014b')).to.deep.equal([
          'anti', 'missile', 'pre', 'war', '1990', '2000', 'a', 'b',
        ]);
      });
    });

    describe('acronyms', () => {
      it('stems plural acronyms like words ("SLBMs" → "slbm")', () => {
        expect(termsOf(analyzer, 'SLBM SLBMs')).to.deep.equal(['slbm', 'slbm']);
      });

      it('joins dotted acronyms into one token covering the dots', () => {
        expect(pairs(analyzer, 'the U.S. and D.C. at the U.N.')).to.deep.equal([
          ['us', 'U.S.'],
          ['dc', 'D.C.'],
          ['un', 'U.N.'],
        ]);
      });

      it('gives a dotted acronym the term of the undotted word', () => {
        for (const [dotted, plainWord] of [['U.S.A.', 'USA'], ['N.A.T.O.', 'NATO'], ['e.g.', 'eg'], ['a.m.', 'am']]) {
          expect(termsOf(analyzer, dotted), dotted).to.deep.equal(termsOf(analyzer, plainWord));
        }
      });

      it('accepts an acronym without its final dot', () => {
        expect(pairs(analyzer, 'U.S-led talks')).to.deep.equal([
          ['us', 'U.S'],
          ['led', 'led'],
          ['talk', 'talks'],
        ]);
      });

      it('includes a possessive after an acronym', () => {
        expect(pairs(analyzer, 'the U.S.’s allies')).to.deep.equal([
          ['us', 'U.S.’s'],
          ['alli', 'allies'],
        ]);
      });

      it('does not treat initials before a word or a sentence end as an acronym', () => {
        expect(pairs(plain, 'George W. Bush. Plan B.')).to.deep.equal([
          ['george', 'George'],
          ['w', 'W'],
          ['bush', 'Bush'],
          ['plan', 'Plan'],
          ['b', 'B'],
        ]);
        expect(termsOf(plain, 'U.Sx i.e.g')).to.deep.equal(['u', 'sx', 'ieg']);
      });
    });

    describe('numbers', () => {
      it('keeps numbers whole and unstemmed', () => {
        expect(pairs(analyzer, 'Resolution 1874 at 6:02, up 3.5 percent')).to.deep.equal([
          ['resolut', 'Resolution'],
          ['1874', '1874'],
          ['6:02', '6:02'],
          ['up', 'up'],
          ['3.5', '3.5'],
          ['percent', 'percent'],
        ]);
      });

      it('removes commas between digit groups', () => {
        expect(pairs(analyzer, '1,000 troops and 2,500,000.75 won')).to.deep.equal([
          ['1000', '1,000'],
          ['troop', 'troops'],
          ['2500000.75', '2,500,000.75'],
          ['won', 'won'],
        ]);
      });

      it('does not join a comma that is not a thousands separator', () => {
        expect(termsOf(plain, '1,2 and 1,0000 and 2019,2020')).to.deep.equal(['1', '2', 'and', '1', '0000', 'and', '2019', '2020']);
      });

      it('leaves a sentence-final dot or colon out of a number', () => {
        expect(pairs(plain, 'adopted in 2009. At 6: noon')).to.deep.equal([
          ['adopted', 'adopted'],
          ['in', 'in'],
          ['2009', '2009'],
          ['at', 'At'],
          ['6', '6'],
          ['noon', 'noon'],
        ]);
      });

      it('keeps letters and digits together ("G7", "1990s") without stemming', () => {
        expect(termsOf(analyzer, 'G7 1990s MP3s B2B 10km')).to.deep.equal(['g7', '1990s', 'mp3s', 'b2b', '10km']);
      });

      it('splits a hyphenated designation ("F-16", "COVID-19")', () => {
        expect(pairs(analyzer, 'F-16 COVID-19')).to.deep.equal([
          ['f', 'F'],
          ['16', '16'],
          ['covid', 'COVID'],
          ['19', '19'],
        ]);
      });

      it('keeps digits of other scripts as numbers', () => {
        expect(termsOf(plain, '٢٠١٩ १२३')).to.deep.equal(['٢٠١٩', '१२३']);
      });
    });

    describe('Unicode', () => {
      it('folds diacritics and special letters', () => {
        expect(termsOf(plain, 'Café Straße Æsir Œuvre Øresund Łódź Þór naïve İstanbul')).to.deep.equal([
          'cafe', 'strasse', 'aesir', 'oeuvre', 'oresund', 'lodz', 'thor', 'naive', 'istanbul',
        ]);
      });

      it('keeps combining marks inside words and folds them away', () => {
        const text = 'cafe\u0301 Se\u0301oul';
        expect(pairs(plain, text)).to.deep.equal([
          ['cafe', 'cafe\u0301'],
          ['seoul', 'Se\u0301oul'],
        ]);
      });

      it('gives precomposed and decomposed accents the same term when not folding', () => {
        const unfolded = createAnalyzer({ foldDiacritics: false });
        expect(termsOf(unfolded, 'café cafe\u0301 CAFÉ')).to.deep.equal(['café', 'café', 'café']);
      });

      it('tokenizes letters of any script', () => {
        expect(termsOf(plain, 'Москва Αθήνα 한국 القاهرة हिन्दी')).to.deep.equal([
          'москва', 'αθηνα', '한국', 'القاهرة', 'हिन्दी',
        ]);
      });

      it('makes each Han ideograph and Hiragana character a token of its own', () => {
        expect(pairs(plain, '北朝鮮が発射 カタカナ')).to.deep.equal([
          ['北', '北'],
          ['朝', '朝'],
          ['鮮', '鮮'],
          ['が', 'が'],
          ['発', '発'],
          ['射', '射'],
          ['カタカナ', 'カタカナ'],
        ]);
      });

      it('keeps offsets exact around astral characters and emoji', () => {
        const text = '😀Kim👍 𠀀 𝐀𝐁';
        expect(analyzer.analyze(text)).to.deep.equal([
          { term: 'kim', start: 2, end: 5, position: 0 },
          { term: '𠀀', start: 8, end: 10, position: 1 },
          { term: '𝐀𝐁', start: 11, end: 15, position: 2 },
        ]);
      });

      it('treats unpaired surrogates as separators', () => {
        expect(pairs(plain, 'a\uD800b\uDC00c')).to.deep.equal([
          ['a', 'a'],
          ['b', 'b'],
          ['c', 'c'],
        ]);
      });

      it('drops soft hyphens and zero-width joiners inside a word', () => {
        expect(pairs(plain, 'infor\u00ADmation \u00ADend\u00AD')).to.deep.equal([
          ['information', 'infor\u00ADmation'],
          ['end', 'end'],
        ]);
      });

      it('does not fold the vowel signs of Indic scripts away', () => {
        expect(plain.term('हिन्दी')).to.equal('हिन्दी');
      });
    });
  });

  describe('#analyze (terms)', () => {
    it('returns the terms in order, stop words removed', () => {
      const text = 'The U.S.-led talks on Seoul’s 1,000 SLBMs, at 6:02 — “don’t” said Kim Jong-un.';
      expect(termsOf(analyzer, text)).to.deep.equal([
        'us', 'led', 'talk', 'seoul', '1000', 'slbm', '6:02', 'dont', 'said', 'kim', 'jong', 'un',
      ]);
    });
  });

  describe('#forEachToken', () => {
    it('reports what #analyze returns', () => {
      const text = 'Missiles were fired at 6:02 from the U.S.’s ally.';
      const seen: Token[] = [];
      analyzer.forEachToken(text, (term, start, end, position) => seen.push({ term, start, end, position }));
      expect(seen).to.deep.equal(analyzer.analyze(text));
      expect(seen.map((t) => t.term)).to.deep.equal(['missil', 'were', 'fire', '6:02', 'from', 'us', 'alli']);
    });

    it('allows the callback to use the same analyzer', () => {
      const nested: string[][] = [];
      analyzer.forEachToken('North-Korea South', (term, start, end) => nested.push(termsOf(analyzer, 'x ' + term + ' y')));
      expect(nested).to.deep.equal([['x', 'north', 'y'], ['x', 'korea', 'y'], ['x', 'south', 'y']]);
    });
  });

  describe('#term', () => {
    it('returns the term of a word', () => {
      expect(analyzer.term('Missiles')).to.equal('missil');
      expect(analyzer.term('Seoul’s')).to.equal('seoul');
      expect(analyzer.term('U.S.')).to.equal('us');
      expect(analyzer.term('1,000')).to.equal('1000');
    });

    it('returns undefined for a stop word or a word-less string', () => {
      expect(analyzer.term('The')).to.equal(undefined);
      expect(analyzer.term('')).to.equal(undefined);
      expect(analyzer.term('—')).to.equal(undefined);
    });

    it('returns the term of the first token of a compound', () => {
      expect(analyzer.term('Jong-un')).to.equal('jong');
      expect(analyzer.term('the-end')).to.equal(undefined);
    });

    it('agrees with the terms of a text, cached or not', () => {
      const fresh = createAnalyzer();
      expect(fresh.term('Launches')).to.equal('launch');
      expect(termsOf(fresh, 'launches Launches')).to.deep.equal(['launch', 'launch']);
      expect(fresh.term('LAUNCHES')).to.equal('launch');
    });
  });

  describe('#normalize', () => {
    it('lower-cases, folds and removes the possessive, without stemming', () => {
      expect(analyzer.normalize('Missiles')).to.equal('missiles');
      expect(analyzer.normalize('Müller’s')).to.equal('muller');
      expect(analyzer.normalize('D.C.')).to.equal('dc');
      expect(analyzer.normalize('1,000')).to.equal('1000');
    });

    it('keeps stop words', () => {
      expect(analyzer.normalize('The')).to.equal('the');
    });

    it('returns "" when there is no word', () => {
      expect(analyzer.normalize(' … ')).to.equal('');
    });

    it('does not fold when folding is off', () => {
      expect(createAnalyzer({ foldDiacritics: false }).normalize('Müller')).to.equal('müller');
    });
  });

  describe('options', () => {
    it('resolves defaults', () => {
      expect(analyzer.options).to.deep.equal({
        stopWords: DEFAULT_STOP_WORDS,
        stem: true,
        foldDiacritics: true,
        minTermLength: 1,
      });
    });

    it('uses Lucene\'s 33 English stop words by default', () => {
      expect(DEFAULT_STOP_WORDS).to.have.length(33);
      expect(DEFAULT_STOP_WORDS).to.include.members(['a', 'the', 'such', 'will', 'with']);
      expect(DEFAULT_STOP_WORDS).not.to.include('us');
    });

    it('keeps every word with stopWords: false', () => {
      const all = createAnalyzer({ stopWords: false });
      expect(termsOf(all, 'the launch of a missile')).to.deep.equal(['the', 'launch', 'of', 'a', 'missil']);
      expect(all.options.stopWords).to.deep.equal([]);
    });

    it('normalises custom stop words before comparing', () => {
      const custom = createAnalyzer({ stopWords: ['Said', 'Reuters’', 'CAFÉ'] });
      expect(termsOf(custom, 'Reuters said the café said')).to.deep.equal(['the']);
    });

    it('compares stop words before stemming', () => {
      const custom = createAnalyzer({ stopWords: ['missile'] });
      expect(termsOf(custom, 'missile missiles')).to.deep.equal(['missil']);
    });

    it('does not stem with stem: false', () => {
      expect(termsOf(createAnalyzer({ stem: false }), 'missiles launched')).to.deep.equal(['missiles', 'launched']);
    });

    it('drops terms shorter than minTermLength, still counting their positions', () => {
      const long = createAnalyzer({ minTermLength: 3, stopWords: false });
      expect(long.analyze('US to test 𝐀𝐁 a missile').map((t) => [t.term, t.position])).to.deep.equal([
        ['test', 2],
        ['missil', 5],
      ]);
    });

    it('rejects a minTermLength that is not a positive integer', () => {
      expect(() => createAnalyzer({ minTermLength: 0 })).to.throw(RangeError, /minTermLength/);
      expect(() => createAnalyzer({ minTermLength: 1.5 })).to.throw(RangeError, /1\.5/);
    });

    it('does not share state between analyzers with different options', () => {
      const stemmed = createAnalyzer();
      const unstemmed = createAnalyzer({ stem: false });
      expect(termsOf(stemmed, 'missiles')).to.deep.equal(['missil']);
      expect(termsOf(unstemmed, 'missiles')).to.deep.equal(['missiles']);
    });
  });
});
