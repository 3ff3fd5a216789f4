import { describe, expect, it } from 'vitest';
import { addressPolicy, assertPublicUrlHost, isIpLiteral, isPrivateAddress } from './addresses.js';

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.0.0.8', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local, cloud metadata'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', '"this" network'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
  ])('treats IPv4 %s as private (%s)', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each([
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with a zone'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['fec0::1', 'deprecated site-local'],
    ['2001:db8::1', 'documentation'],
    ['100::1', 'discard'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['::a9fe:a9fe', 'IPv4-compatible metadata address'],
    ['::ffff:0:7f00:1', 'SIIT loopback'],
    ['::ffff:0:10.0.0.1', 'SIIT private'],
    ['2002:7f00:1::', '6to4 of 127.0.0.1'],
    ['2002:a9fe:a9fe::', '6to4 of 169.254.169.254'],
    ['2002:c0a8:101::1', '6to4 of 192.168.1.1'],
    ['64:ff9b::7f00:1', 'NAT64 of 127.0.0.1'],
    ['64:ff9b::10.0.0.1', 'NAT64 of 10.0.0.1'],
    ['64:ff9b:1::808:808', 'local-use NAT64 prefix'],
    ['2001::', 'Teredo, server 0.0.0.0'],
    ['2001:0:a00:1:8000:63bf:f7f7:f7f7', 'Teredo, server 10.0.0.1'],
    ['2001:0:4136:e378:8000:63bf:f5ff:fffe', 'Teredo, client 10.0.0.1'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'Teredo, client 127.0.0.1'],
    ['4000::1', 'unassigned'],
    ['::2:3:4:5:6', 'unassigned, under ::/64'],
  ])('treats IPv6 %s as private (%s)', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['not an address', '', '127.1', '0x7f000001', '0177.0.0.1', '010.0.0.1', '1.2.3.4.5', '::ffff:0x7f.1', '[::1]', '1::2::3'])(
    'treats the malformed %j as private',
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.215.14',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '::ffff:0:8.8.8.8',
    '2002:808:808::1',
    '64:ff9b::808:808',
    '2001:0:4136:e378:8000:63bf:f7f7:f7f7',
  ])('treats %s as public', (address) => expect(isPrivateAddress(address)).toBe(false));
});

describe('isIpLiteral', () => {
  it.each(['127.0.0.1', '[::1]', '::1', '[2606:4700::1111]'])('recognizes %s', (host) => expect(isIpLiteral(host)).toBe(true));

  it.each(['example.com', 'localhost', '127.1', '[example]'])('does not take %s for an address', (host) =>
    expect(isIpLiteral(host)).toBe(false),
  );
});

describe('addressPolicy', () => {
  it('allows public addresses and the given ranges, and nothing else', () => {
    const allowed = addressPolicy(['10.20.0.0/16', '127.0.0.2', 'fd00:db::/64']);
    expect(['8.8.8.8', '10.20.3.4', '127.0.0.2', '::ffff:10.20.0.1', 'fd00:db::5'].map(allowed)).toEqual([true, true, true, true, true]);
    expect(['10.21.0.1', '127.0.0.1', 'fd00:dc::5', 'garbage'].map(allowed)).toEqual([false, false, false, false]);
  });

  it.each(['10/8', '10.0.0.0/33', 'fd00::/129', 'example.com/8', '10.0.0.0/8/8', '10.0.0.0/'])('refuses the range %j', (range) =>
    expect(() => addressPolicy([range])).toThrow(`allowedRanges: "${range}" is not an address range`),
  );

  it('lets an allowed literal through assertPublicUrlHost, but never localhost', () => {
    const allowed = addressPolicy(['127.0.0.0/8']);
    expect(() => assertPublicUrlHost(new URL('http://127.0.0.1:8080/'), allowed)).not.toThrow();
    expect(() => assertPublicUrlHost(new URL('http://localhost:8080/'), allowed)).toThrow("'localhost' are refused");
    expect(() => assertPublicUrlHost(new URL('http://localhost.:8080/'))).toThrow('are refused');
  });
});
