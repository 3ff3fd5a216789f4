import type { Item } from '@flowloom/engine';
import type { OperationContext } from '../../kit/service-types.js';
import { binaryFile } from '../../kit/request-spec.js';

type UploadParams = {
  binaryProperty: string;
  fileName?: string | undefined;
  title?: string | undefined;
  channelId?: string | undefined;
  initialComment?: string | undefined;
  threadTs?: string | undefined;
};

/**
 * Slack's file upload, in its three steps: ask for an upload URL, send the
 * bytes there, then complete the upload (sharing it where asked).
 */
export async function uploadFile(op: OperationContext<UploadParams>): Promise<Item[]> {
  const { params, item } = op;
  const file = item.binary?.[params.binaryProperty];
  const fileName = params.fileName ?? file?.fileName ?? params.binaryProperty;
  const length = file?.data ? Math.floor((file.data.length * 3) / 4) - (file.data.endsWith('==') ? 2 : file.data.endsWith('=') ? 1 : 0) : 0;
  const ticket = await op.request({
    method: 'POST',
    path: '/files.getUploadURLExternal',
    bodyType: 'form',
    body: { filename: fileName, length },
  });
  const { upload_url: uploadUrl, file_id: fileId } = ticket.body as { upload_url: string; file_id: string };
  // The bytes go to the URL Slack handed out, as one multipart field, signed like every call (so only to Slack's hosts).
  await op.request({ method: 'POST', path: '', bodyType: 'multipart', body: { body: binaryFile('binaryProperty') } }, uploadUrl);
  const done = await op.request({
    method: 'POST',
    path: '/files.completeUploadExternal',
    bodyType: 'form',
    body: {
      files: JSON.stringify([{ id: fileId, title: params.title ?? fileName }]),
      ...(params.channelId ? { channel_id: params.channelId } : {}),
      ...(params.initialComment ? { initial_comment: params.initialComment } : {}),
      // A thread needs its channel; Slack ignores one alone.
      ...(params.threadTs && params.channelId ? { thread_ts: params.threadTs } : {}),
    },
  });
  const files = (done.body as { files?: Record<string, unknown>[] }).files ?? [];
  return files.map((json) => ({ json }));
}
