import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import vader from 'vader-sentiment';
import { createSentimentAnalyser } from './index.js';
import { newsWords } from './headline-lexicon.js';
import { prepareText } from './prepare-text.js';

const analyser = createSentimentAnalyser();
const label = (text: string): string => analyser.analyse(text).label;

describe('sentiment analyser: rules', () => {
  it('reads "good" as positive and "not good" as negative (negation)', () => {
    assert.equal(label('The results were good'), 'positive');
    assert.equal(label('The results were not good'), 'negative');
  });

  it('scores "very bad" lower than "bad" (intensifier)', () => {
    const bad = analyser.analyse('The service was bad').score;
    const veryBad = analyser.analyse('The service was very bad').score;
    assert.ok(bad < 0 && veryBad < bad, `${veryBad} should be below ${bad}`);
  });

  it('labels typical headlines the way a reader would', () => {
    assert.equal(label('Earthquake kills at least 300 and leaves thousands homeless'), 'negative');
    assert.equal(label('Tech firm lays off 12,000 workers amid slowing sales'), 'negative');
    assert.equal(label('Rescuers pull all 12 miners alive from flooded shaft'), 'positive');
    assert.equal(label('Unemployment falls to lowest level in two decades'), 'positive');
    assert.equal(label('Parliament returns from summer recess on Monday'), 'neutral');
  });

  it('keeps scores in [-1, 1] and names its version', () => {
    const { score } = analyser.analyse('Horrific, tragic, devastating, deadly disaster!!!');
    assert.ok(score >= -1 && score <= 1);
    assert.equal(analyser.name, 'vader');
    assert.match(analyser.version, /^\d+\.\d+\.\d+$/);
  });
});

describe('sentiment analyser: input hygiene', () => {
  it('answers neutral 0 for empty, whitespace-only, emoji-only and digit-only text', () => {
    for (const text of ['', '   \n\t ', '🔥🔥😂', '2024 - 10:45']) {
      assert.deepEqual(analyser.analyse(text), { score: 0, label: 'neutral' }, text);
    }
  });

  it('strips HTML tags and decodes entities before scoring', () => {
    const html = '<p>Shares <b>soar</b> &amp; investors are <i>delighted</i>&nbsp;</p>';
    assert.equal(prepareText(html), 'Shares soar & investors are delighted');
    assert.equal(label(html), 'positive');
    assert.equal(
      label('<script>terrible awful horrible</script><p>Council meets on Monday</p>'),
      'neutral',
    );
  });

  it('drops control characters and never throws on hostile input', () => {
    assert.equal(prepareText('Good\u0000 news\u202E today\u0007'), 'Good news today');
    for (const text of ['<<<>>>&&&;', '\uD800 broken surrogate', '<p'.repeat(50_000)]) {
      assert.doesNotThrow(() => analyser.analyse(text));
    }
    assert.deepEqual(analyser.analyse(undefined as unknown as string), {
      score: 0,
      label: 'neutral',
    });
  });

  it('truncates enormous text to 2,000 characters at a word boundary, quickly', () => {
    const huge = 'The markets were calm and investors were happy today. '.repeat(20_000); // ~1.1 MB
    const prepared = prepareText(huge);
    assert.ok(prepared.length <= 2_000, `prepared ${prepared.length} characters`);
    assert.ok(huge.startsWith(prepared) && huge[prepared.length] === ' ', 'cut between two words');
    const started = performance.now();
    assert.equal(label(huge), 'positive');
    const elapsedMs = performance.now() - started;
    assert.ok(elapsedMs < 500, `took ${elapsedMs} ms`);
  });
});

describe('sentiment analyser: languages', () => {
  it('marks non-Latin scripts as unsupported with score 0', () => {
    for (const text of [
      'Правительство одобрило новый бюджет',
      '政府批准了新的预算',
      'الحكومة توافق على الميزانية',
    ]) {
      assert.deepEqual(analyser.analyse(text), { score: 0, label: 'unsupported' }, text);
    }
  });

  it('marks Spanish, French, German, Italian and Portuguese headlines as unsupported', () => {
    for (const text of [
      'Sube el precio de la luz en toda España',
      'Le gouvernement annonce une réforme des retraites pour les jeunes',
      'Die Regierung plant eine neue Steuer für Reiche und das Parlament ist dagegen',
      'Il governo approva la riforma della scuola per gli studenti',
      'O governo anuncia uma nova política para os professores da rede pública',
    ]) {
      assert.equal(label(text), 'unsupported', text);
    }
  });

  it('keeps English with foreign names, particles and acronyms supported', () => {
    assert.equal(label('Ursula von der Leyen praises deal in Brussels'), 'positive');
    assert.equal(label('MIT team wins award as UN hails progress'), 'positive');
    assert.equal(label('Beyoncé tour boosts economy of Stockholm'), 'positive');
    assert.notEqual(label('Three die in crash on the motorway'), 'unsupported');
  });
});

describe('headline lexicon', () => {
  it('adds only words VADER does not already score, so nothing counts twice', () => {
    const known = newsWords().filter(
      (word) => vader.SentimentIntensityAnalyzer.polarity_scores(word).compound !== 0,
    );
    assert.deepEqual(known, []);
  });

  it('reads the tricky phrases a news reader reads', () => {
    assert.equal(label("Startup's killer app crushes expectations"), 'positive');
    assert.equal(label('No one injured as passengers evacuate plane safely'), 'positive');
    assert.equal(label('Rents soar again'), 'negative');
    assert.equal(label('Crash course in coding offered at the library'), 'neutral');
  });
});
