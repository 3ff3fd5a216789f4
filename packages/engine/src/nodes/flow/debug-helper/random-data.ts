/** A source of random numbers in [0, 1). */
export type Random = () => number;

/** The kinds of test data the Debug Helper makes: records (objects) first, then single values. */
export const RANDOM_DATA_TYPES = [
  'user',
  'email',
  'address',
  'creditCard',
  'uuid',
  'url',
  'ipv4',
  'ipv6',
  'macAddress',
  'semver',
  'nanoid',
] as const;

/** A kind of test data the Debug Helper makes. */
export type RandomDataType = (typeof RANDOM_DATA_TYPES)[number];

/** The kinds whose every value is a record, so each can be an item of its own. */
export const RECORD_DATA_TYPES: readonly RandomDataType[] = ['user', 'email', 'address', 'creditCard'];

/**
 * Random numbers from a text seed (a string hash feeding mulberry32): the
 * same seed gives the same numbers, run after run.
 */
export function seededRandom(seed: string): Random {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger', 'Radia'];
const LAST_NAMES = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Johnson',
  'Torvalds',
  'Hamilton',
  'Ritchie',
  'Liskov',
  'Thompson',
  'Allen',
  'Dijkstra',
  'Perlman',
];
const STREETS = ['Maple', 'Oak', 'Cedar', 'Elm', 'Pine', 'Willow', 'Birch', 'Lake', 'Hill', 'River'];
const STREET_KINDS = ['Street', 'Avenue', 'Road', 'Lane', 'Drive', 'Court'];
const CITIES = ['Springfield', 'Riverton', 'Fairview', 'Georgetown', 'Madison', 'Clinton', 'Franklin', 'Salem', 'Ashland', 'Dover'];
const STATES = ['California', 'Texas', 'New York', 'Oregon', 'Ohio', 'Georgia', 'Colorado', 'Maine', 'Utah', 'Vermont'];
const COUNTRIES = ['United States', 'Canada', 'Germany', 'France', 'Japan', 'Brazil', 'India', 'Australia', 'Spain', 'Norway'];
const DOMAINS = ['example.com', 'example.org', 'example.net'];
const ALPHANUMERIC = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Makes test values of each kind from one random source. */
export function randomData(random: Random) {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)]!;
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');
  const hex = (n: number) => Array.from({ length: n }, () => int(0, 15).toString(16)).join('');
  const chars = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[int(0, alphabet.length - 1)]).join('');
  const email = (first: string, last: string) => `${first}.${last}${int(1, 99)}@${pick(DOMAINS)}`.toLowerCase();
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  return {
    user() {
      const [firstname, lastname] = [pick(FIRST_NAMES), pick(LAST_NAMES)];
      return { uid: uuid(), email: email(firstname, lastname), firstname, lastname, password: chars(ALPHANUMERIC, 12) };
    },
    email: () => ({ email: email(pick(FIRST_NAMES), pick(LAST_NAMES)), confirmed: random() < 0.5 }),
    address: () => ({
      firstname: pick(FIRST_NAMES),
      lastname: pick(LAST_NAMES),
      street: `${int(1, 9999)} ${pick(STREETS)} ${pick(STREET_KINDS)}`,
      city: pick(CITIES),
      zip: digits(5),
      state: pick(STATES),
      country: pick(COUNTRIES),
    }),
    creditCard: () => ({
      type: random() < 0.5 ? 'MasterCard' : 'Visa',
      number: `${int(4, 5)}${digits(15)}`,
      ccv: digits(3),
      exp: `${String(int(1, 12)).padStart(2, '0')}/${String(int(1, 40)).padStart(2, '0')}`,
      holder_name: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
    }),
    uuid,
    url: () => `https://${pick(STREETS).toLowerCase()}-${pick(CITIES).toLowerCase()}.${pick(DOMAINS)}`,
    ipv4: () => Array.from({ length: 4 }, () => int(0, 255)).join('.'),
    ipv6: () => Array.from({ length: 8 }, () => hex(4)).join(':'),
    macAddress: () => Array.from({ length: 6 }, () => hex(2)).join(':'),
    semver: () => `${int(0, 20)}.${int(0, 20)}.${int(0, 20)}`,
    nanoid: (alphabet: string, length: number) => chars(alphabet, length),
  };
}
