import { describe, expect, it } from 'vitest';
import { readEventStream, type ServerSentEvent } from './event-stream.js';

/** A body that delivers `text` in the given pieces. */
function body(pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

async function events(pieces: string[]): Promise<ServerSentEvent[]> {
  const out: ServerSentEvent[] = [];
  for await (const event of readEventStream(body(pieces))) out.push(event);
  return out;
}

// The cases follow the event-stream interpretation rules of the HTML standard (section 9.2.6).
const STREAM =
  ': a comment, ignored\r\n' +
  'event: nodeStart\r\n' +
  'data: {"nodeId":"a"}\r\n' +
  '\r\n' +
  'data: first line\n' +
  'data:second line, no space\n' +
  'id: 7\n' +
  'retry: 1000\n' +
  '\n' +
  'event: only-a-name\r' +
  '\r' +
  'event: executionFinish\n' +
  'data\n' +
  'data:  two spaces keep one\n' +
  '\n' +
  'data: never dispatched: no blank line after it';

const EXPECTED: ServerSentEvent[] = [
  { event: 'nodeStart', data: '{"nodeId":"a"}' },
  { event: 'message', data: 'first line\nsecond line, no space' },
  { event: 'executionFinish', data: '\n two spaces keep one' },
];

describe('readEventStream', () => {
  it('reads events as the HTML standard describes: names, joined data lines, comments, any line ending', async () => {
    expect(await events([STREAM])).toEqual(EXPECTED);
  });

  it('reads the same events however the bytes are split, CRLF and multi-byte characters included', async () => {
    const end = STREAM.indexOf('\r\n\r\n') + 4;
    const text = `${STREAM.slice(0, end)}data: caf\u00e9 \u{1F600}\r\n\r\n${STREAM.slice(end)}`;
    const whole = await events([text]);
    const bytes = new TextEncoder().encode(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const split = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.slice(0, cut));
          controller.enqueue(bytes.slice(cut));
          controller.close();
        },
      });
      const got: ServerSentEvent[] = [];
      for await (const event of readEventStream(split)) got.push(event);
      expect(got, `split at byte ${cut}`).toEqual(whole);
    }
    expect(whole).toContainEqual({ event: 'message', data: 'caf\u00e9 \u{1F600}' });
  });
});
