import { expect } from 'chai';
import type { Range, Snippet } from '../../lib/types.js';
import { createAnalyzer } from '../../lib/analysis/analyzer.js';
import { makeSnippet, makeSnippets, highlightText } from '../../lib/highlight/snippet.js';

const analyzer = createAnalyzer();

/** The analyzed terms of a query string. */
function q(query: string): Set<string> {
  const terms = new Set<string>();
  analyzer.forEachToken(query, (term) => terms.add(term));
  return terms;
}

/** The marked substrings of a snippet's html. */
function marked(html: string): string[] {
  return [...html.matchAll(/<mark>([\s\S]*?)<\/mark>/g)].map((m) => m[1]);
}

/** The text of each match range. */
function slices(text: string, matches: readonly Range[]): string[] {
  return matches.map((r) => text.slice(r.start, r.end));
}

/** `text` without the ellipses that mark where it was cut. */
function core(text: string): string {
  return text.replace(/^…/, '').replace(/…$/, '');
}

/** Whether `part` occurs in `whole` at a position that cuts no word (whitespace or an end on both sides). */
function occursAtWordBoundaries(whole: string, part: string): boolean {
  for (let i = whole.indexOf(part); i >= 0; i = whole.indexOf(part, i + 1)) {
    const before = i === 0 || /\s/.test(whole[i - 1]);
    const after = i + part.length === whole.length || /\s/.test(whole[i + part.length]);
    if (before && after) return true;
  }
  return false;
}

// Sentences without any query term, to pad paragraphs with.
const FILLER = [
  'Delegates gathered in the conference hall before the opening session began.',
  'Several ministers arrived late because of heavy traffic downtown.',
  'Observers described the mood as cautious but constructive overall.',
  'Lunch was served on the terrace overlooking the old harbour.',
  'A spokesman declined to comment further on the schedule.',
];
function filler(numSentences: number): string {
  return Array.from({ length: numSentences }, (_, i) => FILLER[i % FILLER.length]).join(' ');
}

function mustSnippet(s: Snippet | undefined): Snippet {
  expect(s, 'a snippet').to.not.equal(undefined);
  return s as Snippet;
}

describe('makeSnippet', () => {
  it('returns undefined when no token matches', () => {
    expect(makeSnippet('Delegates gathered in the hall.', q('missile'), analyzer, { paragraph: 0 })).to.equal(undefined);
    expect(makeSnippet('Missile test.', new Set(), analyzer, { paragraph: 0 })).to.equal(undefined);
  });

  it('returns a short paragraph whole, with no ellipses', () => {
    const s = mustSnippet(makeSnippet('North Korea fired a missile.', q('missile'), analyzer, { paragraph: 4 }));
    expect(s).to.deep.equal({
      paragraph: 4,
      text: 'North Korea fired a missile.',
      html: 'North Korea fired a <mark>missile</mark>.',
      matches: [{ start: 20, end: 27 }],
    });
  });

  it('centres the window on the densest cluster of matches, here at the end', () => {
    const p = `Officials mentioned a missile briefly. ${filler(10)} Analysts said North Korea launched a missile toward the sea.`;
    const s = mustSnippet(makeSnippet(p, q('North Korea missile'), analyzer, { paragraph: 0 }));
    expect(s.text).to.include('North Korea launched a missile toward the sea.');
    expect(s.text).to.not.include('Officials mentioned');
    expect(marked(s.html)).to.deep.equal(['North Korea', 'missile']);
    expect(s.text.length).to.be.at.most(200);
  });

  it('prefers more distinct query terms over more matches of one term', () => {
    const p = `Missile, missile, missile and missile again. ${filler(8)} Seoul reported one missile launch.`;
    const s = mustSnippet(makeSnippet(p, q('missile launch'), analyzer, { paragraph: 0, length: 60 }));
    expect(marked(s.html)).to.deep.equal(['missile launch']);
  });

  it('prefers more matches when the number of distinct terms ties', () => {
    const p = `One missile was seen. ${filler(8)} Missiles, missiles and more missiles flew. ${filler(8)}`;
    const s = mustSnippet(makeSnippet(p, q('missile'), analyzer, { paragraph: 0, length: 80 }));
    expect(s.matches).to.have.length(3);
  });

  it('prefers, among equally dense windows, one that can start at its sentence start', () => {
    // The first match sits too deep in a long sentence for the window to reach its start.
    const longSentence = `Delegates ${'from many distant provinces '.repeat(10)}discussed a missile at length.`;
    const p = `${longSentence} ${filler(6)} Missile tests resumed on Monday. ${filler(6)}`;
    const s = mustSnippet(makeSnippet(p, q('missile'), analyzer, { paragraph: 0, length: 120 }));
    expect(s.text).to.match(/^…Missile tests resumed on Monday\./);
  });

  it('starts the window at the sentence of the first match when it fits', () => {
    const p = `${filler(5)} The army said on Monday that the missile flew far. ${filler(5)}`;
    const s = mustSnippet(makeSnippet(p, q('missile'), analyzer, { paragraph: 0, length: 120 }));
    expect(s.text.startsWith('…The army said on Monday that the missile flew far.')).to.equal(true);
  });

  describe('ellipses', () => {
    const tail = `${filler(8)} North Korea launched a missile.`;
    const head = `North Korea launched a missile. ${filler(8)}`;
    const middle = `${filler(8)} North Korea launched a missile. ${filler(8)}`;

    it('adds one at the start only when the start was cut', () => {
      const s = mustSnippet(makeSnippet(tail, q('missile'), analyzer, { paragraph: 0 }));
      expect(s.text.startsWith('…')).to.equal(true);
      expect(s.text.endsWith('launched a missile.')).to.equal(true);
    });

    it('adds one at the end only when the end was cut', () => {
      const s = mustSnippet(makeSnippet(head, q('missile'), analyzer, { paragraph: 0 }));
      expect(s.text.startsWith('North Korea launched')).to.equal(true);
      expect(s.text.endsWith('…')).to.equal(true);
    });

    it('adds both when the window is inside the paragraph', () => {
      const s = mustSnippet(makeSnippet(middle, q('missile'), analyzer, { paragraph: 0 }));
      expect(s.text.startsWith('…')).to.equal(true);
      expect(s.text.endsWith('…')).to.equal(true);
    });

    it('counts them in the length', () => {
      for (let length = 10; length <= 220; length += 7) {
        const s = mustSnippet(makeSnippet(middle, q('missile'), analyzer, { paragraph: 0, length }));
        expect(s.text.length, `length ${length}`).to.be.at.most(length);
      }
    });
  });

  it('cuts at word boundaries, never inside a word', () => {
    const p = `${filler(8)} North Korea launched a missile. ${filler(8)}`;
    for (let length = 20; length <= 220; length += 3) {
      const s = mustSnippet(makeSnippet(p, q('missile'), analyzer, { paragraph: 0, length }));
      expect(occursAtWordBoundaries(p, core(s.text)), `length ${length}: "${s.text}"`).to.equal(true);
    }
  });

  it('cuts inside a word only when the matching word alone is longer than the snippet', () => {
    const url = `https://example.com/${'x'.repeat(300)}/missile/${'y'.repeat(300)}`;
    const s = mustSnippet(makeSnippet(`See ${url} now.`, q('missile'), analyzer, { paragraph: 0, length: 50 }));
    expect(s.text.length).to.be.at.most(50);
    expect(marked(s.html)).to.deep.equal(['missile']);
  });

  it('marks every inflection of a stemmed query term (real analyzer)', () => {
    const p = 'Missiles were fired. The missile fell into the sea. Missile defence was on alert.';
    const terms = q('missiles');
    expect([...terms]).to.deep.equal([analyzer.term('missile')]); // one stem for every inflection
    const s = mustSnippet(makeSnippet(p, terms, analyzer, { paragraph: 0 }));
    expect(marked(s.html)).to.deep.equal(['Missiles', 'missile', 'Missile']);
  });

  describe('HTML escaping', () => {
    const p = 'The missile report contained <script>alert(1)</script> and <img src=x onerror=alert(1)> verbatim.';

    it('escapes markup in the text', () => {
      const s = mustSnippet(makeSnippet(p, q('missile'), analyzer, { paragraph: 0 }));
      expect(s.html).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(s.html).to.include('&lt;img src=x onerror=alert(1)&gt;');
      expect(s.html.replace(/<\/?mark>/g, '')).to.not.match(/[<>]/);
      expect(s.text).to.include('<script>alert(1)</script>');
    });

    it('escapes before marking, so marks never split an entity', () => {
      const s = mustSnippet(makeSnippet(p, q('script alert'), analyzer, { paragraph: 0 }));
      expect(s.html).to.include('&lt;<mark>script</mark>&gt;<mark>alert</mark>(1)&lt;/<mark>script</mark>&gt;');
      expect(s.html.replace(/<\/?mark>/g, '')).to.not.match(/[<>]/);
    });
  });

  describe('merging adjacent matches', () => {
    it('marks two matched words separated by a space as one', () => {
      const s = mustSnippet(makeSnippet('Talks between North Korea and South Korea stalled.', q('North Korea South'), analyzer, { paragraph: 0 }));
      expect(marked(s.html)).to.deep.equal(['North Korea', 'South Korea']);
      expect(s.matches).to.have.length(2);
    });

    it('marks words joined by hyphens as one', () => {
      const s = mustSnippet(makeSnippet('Kim Jong-un watched the launch.', q('Kim Jong un'), analyzer, { paragraph: 0 }));
      expect(marked(s.html)).to.deep.equal(['Kim Jong-un']);
    });

    it('keeps words separated by other punctuation apart', () => {
      const s = mustSnippet(makeSnippet('Envoys from Seoul, Tokyo and Beijing met.', q('Seoul Tokyo'), analyzer, { paragraph: 0 }));
      expect(marked(s.html)).to.deep.equal(['Seoul', 'Tokyo']);
    });
  });

  it('gives match ranges that slice the text to words whose term is a query term', () => {
    const terms = q('North Korea missiles launch');
    const p = `${filler(3)} North Korea said the missile launch, its third, was a success. Missiles flew. ${filler(3)}`;
    const s = mustSnippet(makeSnippet(p, terms, analyzer, { paragraph: 0, length: 150 }));
    expect(slices(s.text, s.matches)).to.deep.equal(['North Korea', 'missile launch', 'Missiles']);
    for (const part of slices(s.text, s.matches)) {
      analyzer.forEachToken(part, (term) => expect(terms.has(term), `${term} in "${part}"`).to.equal(true));
    }
  });

  it('handles a 100,000-character paragraph full of matches and one with no spaces', () => {
    // Behaviour only: speed on long paragraphs is measured by `npm run bench`, not asserted here.
    const p = 'North Korea launched a missile and Seoul protested. '.repeat(2000);
    const s = mustSnippet(makeSnippet(p, q('North Korea missile Seoul'), analyzer, { paragraph: 0 }));
    expect(s.text.length).to.be.at.most(200);
    expect(slices(s.text, s.matches)).to.include('North Korea');
    const noSpaces = 'missile-'.repeat(12500);
    const t = mustSnippet(makeSnippet(noSpaces, q('missile'), analyzer, { paragraph: 0 }));
    expect(t.text.length).to.be.at.most(200);
    expect(t.matches.length).to.be.greaterThan(0);
  });
});

describe('makeSnippets', () => {
  const paragraphs = [
    `${filler(6)}`,
    'Seoul said the missile flew 450 km.',
    'Markets were calm.',
    'Washington condemned the missile launch.',
    'Tokyo convened its security council after the missile test.',
  ];

  it('takes the best candidates and returns them in document order', () => {
    const snippets = makeSnippets(paragraphs, [4, 1, 3], q('missile'), analyzer, { count: 2 });
    expect(snippets.map((s) => s.paragraph)).to.deep.equal([1, 4]);
  });

  it('makes three snippets by default', () => {
    expect(makeSnippets(paragraphs, [4, 1, 3], q('missile'), analyzer)).to.have.length(3);
  });

  it('skips candidates without a match, repeated or out of range', () => {
    const snippets = makeSnippets(paragraphs, [2, 7, -1, 3, 3, 1.5, 1], q('missile'), analyzer, { count: 3 });
    expect(snippets.map((s) => s.paragraph)).to.deep.equal([1, 3]);
  });

  it('returns nothing when asked for no snippets', () => {
    expect(makeSnippets(paragraphs, [1], q('missile'), analyzer, { count: 0 })).to.deep.equal([]);
  });

  it('falls back to the start of the first paragraph, cut at a word boundary, when nothing matched', () => {
    for (const [candidates, terms] of [[[], q('missile')], [[2], q('missile')], [[], new Set<string>()]] as const) {
      const snippets = makeSnippets(paragraphs, candidates, terms, analyzer, { length: 50 });
      expect(snippets).to.have.length(1);
      const [s] = snippets;
      expect(s.paragraph).to.equal(0);
      expect(s.matches).to.deep.equal([]);
      expect(s.text.endsWith('…')).to.equal(true);
      expect(s.text.length).to.be.at.most(50);
      expect(paragraphs[0].startsWith(core(s.text))).to.equal(true);
      expect(occursAtWordBoundaries(paragraphs[0], core(s.text))).to.equal(true);
      expect(s.html).to.equal(s.text);
    }
  });

  it('falls back to the first paragraph that is not blank, whole when it is short', () => {
    const snippets = makeSnippets(['  ', 'Markets were <calm>.'], [], q('missile'), analyzer);
    expect(snippets).to.deep.equal([
      { paragraph: 1, text: 'Markets were <calm>.', html: 'Markets were &lt;calm&gt;.', matches: [] },
    ]);
  });

  it('returns nothing for an article without paragraphs', () => {
    expect(makeSnippets([], [], q('missile'), analyzer)).to.deep.equal([]);
  });
});

describe('highlightText', () => {
  it('marks matches in the whole text, escaped first', () => {
    const title = 'North Korea fires <missiles> & Seoul responds';
    const { html, matches } = highlightText(title, q('North Korea missile'), analyzer);
    expect(html).to.equal('<mark>North Korea</mark> fires &lt;<mark>missiles</mark>&gt; &amp; Seoul responds');
    expect(slices(title, matches)).to.deep.equal(['North Korea', 'missiles']);
  });

  it('returns the escaped text and no matches when nothing matches', () => {
    expect(highlightText('A & B', q('missile'), analyzer)).to.deep.equal({ html: 'A &amp; B', matches: [] });
  });
});
