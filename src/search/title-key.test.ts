import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  normaliseTitle,
  similarTitles,
  titleKey,
  titleSimilarity,
  titleTokens,
} from './title-key.js';

describe('normaliseTitle', () => {
  const suffixes: [string, string][] = [
    ['Fed raises rates by a quarter point - BBC News', 'fed raises rates by a quarter point'],
    [
      'Fed raises rates by a quarter point – The Associated Press',
      'fed raises rates by a quarter point',
    ],
    ['Fed raises rates by a quarter point - Reuters.com', 'fed raises rates by a quarter point'],
    ['Britain needs a new deal on housing | Jane Doe', 'britain needs a new deal on housing'],
    ['Ukraine war: Kyiv under attack – live', 'ukraine war kyiv under attack'],
    ['Election night – as it happened', 'election night'],
    ['Markets slide – live updates | The Guardian', 'markets slide'],
  ];
  for (const [title, expected] of suffixes) {
    it(`strips the outlet, author or live suffix from "${title}"`, () => {
      assert.equal(normaliseTitle(title), expected);
    });
  }

  it('keeps a trailing clause that is part of the headline, and a suffix with nothing before it', () => {
    assert.equal(
      normaliseTitle('Stocks fall - and bonds follow them down'),
      'stocks fall and bonds follow them down',
    );
    assert.equal(normaliseTitle('Brexit - BBC News'), 'brexit bbc news');
  });

  it('folds case, full-width forms, ligatures and Latin accents', () => {
    assert.equal(normaliseTitle('ＦＥＤ Raises Rates'), 'fed raises rates');
    assert.equal(normaliseTitle('Café ﬁnale in Zürich'), 'cafe finale in zurich');
    assert.equal(normaliseTitle('Straße in Łódź, İstanbul'), 'strasse in lodz istanbul');
  });

  it('removes punctuation, emoji, flags and invisible characters, and joins apostrophes and digit groups', () => {
    assert.equal(
      normaliseTitle('Ceasefire talks resume in Geneva 🇨🇭 — officials say “progress”!'),
      'ceasefire talks resume in geneva officials say progress',
    );
    assert.equal(normaliseTitle('Biden’s 1,000-day plan 👩‍👩‍👧 1️⃣'), 'bidens 1000 day plan 1');
    assert.equal(normaliseTitle("Biden's plan"), normaliseTitle('Biden’s plan'));
    assert.equal(normaliseTitle('zero\u200Bwidth  \u00A0 spaces\u200F'), 'zerowidth spaces');
  });

  it('normalises Cyrillic titles: lower case, ё as е, the outlet suffix stripped', () => {
    assert.equal(
      normaliseTitle('Путин и Зеленский: Переговоры Продолжатся Всё Равно — РИА Новости'),
      'путин и зеленский переговоры продолжатся все равно',
    );
  });

  it('normalises Arabic titles: vowel marks and tatweel dropped, the outlet suffix stripped', () => {
    assert.equal(
      normaliseTitle('مَجْلِسُ الأمـــن يصوّت على قرار جديد - بي بي سي'),
      normaliseTitle('مجلس الامن يصوت على قرار جديد'),
    );
    assert.equal(normaliseTitle('مجلس الأمن يصوت على قرار جديد'), 'مجلس الامن يصوت على قرار جديد');
  });

  it('normalises CJK titles: full-width punctuation removed, words kept together', () => {
    assert.equal(
      normaliseTitle('日本銀行、利上げを決定「物価高」'),
      '日本銀行 利上げを決定 物価高',
    );
    assert.equal(normaliseTitle('日本銀行が利上げを決定 | 日経'), '日本銀行が利上げを決定');
  });
});

describe('titleKey', () => {
  it('gives the tokens of the normalised title, and the suffixes it stripped', () => {
    const titles = [
      "Fed's 1,000-day plan: rates RISE again - Reuters",
      'Markets slide – live updates | The Guardian',
      'Café owners in Zürich protest 📈 - BBC News',
      '日本銀行が利上げを決定 | 日経',
      '  spaced   out  ',
      '🔥🔥',
    ];
    for (const title of titles) {
      assert.deepEqual(titleKey(title).tokens, titleTokens(normaliseTitle(title)), title);
    }
    assert.deepEqual(titleKey('Markets slide – live updates | The Guardian').suffixes, [
      'The Guardian',
      'live updates',
    ]);
  });
});

describe('titleTokens', () => {
  it('splits unspaced scripts into overlapping character pairs and keeps other words whole', () => {
    assert.deepEqual(titleTokens('日銀が 決定 g7サミット'), [
      '日銀',
      '銀が',
      '決定',
      'g7',
      '7サ',
      'サミ',
      'ミッ',
      'ット',
    ]);
    assert.deepEqual(titleTokens('fed raises fed rates'), ['fed', 'raises', 'rates']);
  });
});

describe('titleSimilarity', () => {
  const sim = (a: string, b: string) => titleSimilarity(normaliseTitle(a), normaliseTitle(b));

  it('is 1 for the same headline under different suffixes and punctuation', () => {
    assert.equal(
      sim('Fed raises rates by a quarter point - Reuters', 'Fed raises rates by a quarter point!'),
      1,
    );
  });

  it('is 0 for disjoint titles and for titles with no words at all', () => {
    assert.equal(sim('Fed raises rates', 'Storm hits coast'), 0);
    assert.equal(sim('🔥🔥', '🔥🔥'), 0);
  });

  it('is symmetric', () => {
    const [a, b] = ['Fed raises interest rates again', 'Fed raises rates again as inflation bites'];
    assert.equal(sim(a, b), sim(b, a));
  });

  it('scores a lightly edited headline at or above the default threshold of 0.8', () => {
    assert.ok(
      sim(
        'Fed raises interest rates by a quarter point',
        'Fed raises interest rates by quarter point',
      ) >= 0.8,
    );
    assert.ok(
      sim(
        'Storm Ciarán batters southern England',
        'Storm Ciaran batters southern England and Wales',
      ) >= 0.8,
    );
  });

  it('scores a different angle on the same event well below 0.8', () => {
    const score = sim(
      'Fed raises interest rates for the first time since 2020',
      'Fed raises interest rates: what it means for your mortgage',
    );
    assert.ok(score < 0.6, String(score));
  });

  it('compares CJK titles by character pairs', () => {
    assert.ok(sim('日本銀行が利上げを決定', '日本銀行が利上げを正式決定') >= 0.8);
    assert.ok(sim('日本銀行が利上げを決定', '東京で大雪、交通に乱れ') < 0.2);
  });
});

describe('similarTitles', () => {
  // A tiny vocabulary makes many pairs land near any threshold.
  function randomTitles(count: number, seed: number) {
    let state = seed;
    const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const words = ['fed', 'rates', 'rise', 'storm', 'coast', 'talks', 'geneva', 'oil', 'a', 'the'];
    return Array.from({ length: count }, () => {
      const title = Array.from(
        { length: 2 + Math.floor(next() * 6) },
        () => words[Math.floor(next() * words.length)],
      ).join(' ');
      return { title, tokens: titleTokens(title), time: Math.floor(next() * 10) * 3_600_000 };
    });
  }

  for (const threshold of [0.5, 0.8, 1]) {
    it(`finds exactly the pairs a brute-force comparison finds at threshold ${threshold}`, () => {
      const titles = randomTitles(120, 7);
      const windowMs = 5 * 3_600_000;
      const expected: string[] = [];
      titles.forEach((b, j) =>
        titles.slice(0, j).forEach((a, i) => {
          const similarity = titleSimilarity(a.title, b.title);
          if (similarity >= threshold && Math.abs(a.time - b.time) <= windowMs) {
            expected.push(`${i},${j},${similarity}`);
          }
        }),
      );
      const found = similarTitles(titles, threshold, windowMs).map((pair) => pair.join(','));
      assert.ok(expected.length > 0);
      assert.deepEqual(found.sort(), expected.sort());
    });
  }
});
