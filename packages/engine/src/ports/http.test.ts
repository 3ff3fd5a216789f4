import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from './http.js';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.8',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '100.64.0.1',
    '224.0.0.1',
  ])('treats IPv4 %s as private', (a) => expect(isPrivateAddress(a)).toBe(true));

  it.each(['::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'ff02::1', 'not an address'])(
    'treats %s as private',
    (a) => expect(isPrivateAddress(a)).toBe(true),
  );

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])('treats %s as public', (a) =>
    expect(isPrivateAddress(a)).toBe(false),
  );
});
