/**
 * Names for bylines and Reddit accounts. Includes accented and non-Latin names (the Guardian notes
 * Cyrillic and Arabic bylines) and job titles the NewsAPI author field glues onto Guardian names.
 */

export const FIRST_NAMES =
  'Jane|Amir|Sofia|Oliver|Priya|Kwame|Chloé|Mateo|Hannah|Yuki|Daniel|Fatima|Liam|Ines|Tomasz|Zanele|Björn|Aisha|Mark|Léa|Rohan|Grace|Dmitri|Nadia|Samuel|Mei|Ciarán|Lucía|Jonah|Olga'.split(
    '|',
  );

export const LAST_NAMES =
  'Doe|Khan|Rossi|Bennett|Sharma|Mensah|Dubois|García|Fischer|Tanaka|Okafor|Haddad|O’Connor|Martins|Kowalski|Ndlovu|Lindqvist|Rahman|Thompson|Moreau|Iyer|Adeyemi|Volkov|Hussein|Clarke|Chen|Ó Briain|Fernández|Stein|Petrova'.split(
    '|',
  );

export const NON_LATIN_BYLINES =
  'Андрей Курков|Елена Смирнова|ليلى خالد|محمد العلي|王伟|李娜'.split('|');

export const JOB_TITLES =
  'Environment editor|Political correspondent|Economics editor|Technology reporter|Health policy editor|Science correspondent|Chief sports writer|Culture editor|Europe correspondent|Middle East correspondent'.split(
    '|',
  );

export const REDDIT_NAME_PARTS = {
  first:
    'quiet|lazy|brave|rusty|cosmic|salty|fuzzy|gentle|random|lucky|angry|sleepy|curious|wild|polite'.split(
      '|',
    ),
  second:
    'otter|falcon|teapot|walrus|pigeon|badger|cactus|noodle|panda|ferret|lemur|moose|waffle|kestrel|goose'.split(
      '|',
    ),
};
