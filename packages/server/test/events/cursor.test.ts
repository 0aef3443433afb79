import { decodeEventCursor, eventCursor } from '../../src/events/cursor';

/** An event's cursor encodes its stream position, one spelling per position, and nothing else. */
describe('event cursors', () => {
  it('encodes the position as base64url("<txId>:<id>") and decodes it back', () => {
    const cursor = eventCursor({ txId: '7523', id: '42' });
    expect(cursor).toBe(Buffer.from('7523:42').toString('base64url'));
    expect(decodeEventCursor(cursor)).toEqual({ txId: '7523', id: '42' });
    const max = { txId: '18446744073709551615', id: '9223372036854775807' };
    expect(decodeEventCursor(eventCursor(max))).toEqual(max);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/='],
    ['padded', `${Buffer.from('1:2').toString('base64url')}=`],
    ['no separator', Buffer.from('12').toString('base64url')],
    ['a third part', Buffer.from('1:2:3').toString('base64url')],
    ['a negative id', Buffer.from('1:-2').toString('base64url')],
    ['leading zeros', Buffer.from('01:2').toString('base64url')],
    ['an id past bigint', Buffer.from('1:9223372036854775808').toString('base64url')],
    ['a txId past xid8', Buffer.from('18446744073709551616:1').toString('base64url')],
    ['a global ID', Buffer.from('Case:12').toString('base64url')],
    ['too long', 'A'.repeat(200)],
  ])('answers null for a cursor that is not one (%s)', (_what, cursor) => {
    expect(decodeEventCursor(cursor)).toBeNull();
  });

  it('refuses to encode what is not a position', () => {
    expect(() => eventCursor({ txId: 'x', id: '1' })).toThrow(/Not an event position/);
    expect(() => eventCursor({ txId: '1', id: '9223372036854775808' })).toThrow();
  });
});
