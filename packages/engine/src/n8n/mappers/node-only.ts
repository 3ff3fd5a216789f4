import type { MapContext } from '../map-context.js';
import { compact, type NodeMapping } from './mapping.js';

// The nodes that run only on an engine made with createNodeEngine (@flowloom/engine/node): mail over SMTP
// and IMAP, files on disk, shell commands. Every engine knows their descriptions (src/nodes/node-only/), so an
// imported workflow using them validates anywhere; their implementations live in src/node/nodes/.

/** Warns that paths are read inside the host's files root, where n8n read anywhere its process could. */
function filesRootWarning(ctx: MapContext, parameter: string): void {
  ctx.warn(
    parameter,
    'files-root',
    'n8n read and wrote anywhere its server could; Flowloom works only inside the folder the host sets (createNodeEngine({ files: { root } })), with paths relative to it',
  );
}

/** A path that n8n read as a file name, made literal for a pattern (its wildcard characters escaped). */
function literalPath(ctx: MapContext, path: string): unknown {
  const raw = ctx.raw(path);
  if (typeof raw === 'string' && !raw.startsWith('=')) return raw.replace(/[*?[\]{}\\]/g, '\\$&');
  return ctx.value(path, '');
}

function allowUnauthorizedCerts(ctx: MapContext, path: string, credential: string): void {
  if (ctx.literal<boolean>(path, 'boolean', false)) {
    ctx.warn(
      path,
      'certificates',
      `n8n accepted invalid TLS certificates here; in Flowloom turn on "Ignore TLS certificate errors" in the ${credential} credential`,
    );
  }
}

/**
 * Send Email (SMTP) v1 and v2.1: addresses, subject, the text and HTML
 * bodies (v2.1 sends those of its email format), attachments by binary
 * field, reply-to. "Send and wait for approval" has no equivalent.
 */
export const emailSendMapping: NodeMapping = {
  versions: [1, 2.1],
  map(ctx) {
    let text: unknown;
    let html: unknown;
    let options = '';
    if (ctx.version === 1) {
      text = ctx.value('text');
      html = ctx.value('html');
    } else {
      options = 'options.';
      const operation = ctx.choice('operation', ['send', 'sendAndWait'], 'send');
      if (operation === 'sendAndWait') ctx.fail('operation', 'sending and waiting for an answer has no Flowloom equivalent yet');
      const format = ctx.choice('emailFormat', ['text', 'html', 'both'], 'html');
      if (format === 'html') ctx.ignore('text');
      else text = ctx.value('text');
      if (format === 'text') ctx.ignore('html');
      else html = ctx.value('html');
      if (ctx.literal<boolean>('options.appendAttribution', 'boolean', true)) {
        ctx.warn(
          'options.appendAttribution',
          'attribution',
          'n8n added a line saying the message was sent automatically with n8n; Flowloom sends the message as written',
        );
      }
    }
    allowUnauthorizedCerts(ctx, 'options.allowUnauthorizedCerts', 'SMTP');
    return {
      type: 'core.sendEmail',
      parameters: compact({
        from: ctx.value('fromEmail', ''),
        to: ctx.value('toEmail', ''),
        cc: ctx.value(`${options}ccEmail`),
        bcc: ctx.value(`${options}bccEmail`),
        replyTo: ctx.version === 1 ? undefined : ctx.value('options.replyTo'),
        subject: ctx.value('subject', ''),
        text,
        html,
        attachments: ctx.value(`${options}attachments`),
      }),
      credential: { slot: 'smtp', n8nType: 'smtp' },
    };
  },
};

/**
 * Email Trigger (IMAP) v1 and v2: mailbox, mark as read, attachments,
 * custom search. n8n was told of new mail as it came (IMAP IDLE); the
 * Flowloom trigger polls every minute.
 */
export const emailReadImapMapping: NodeMapping = {
  versions: [1, 2],
  map(ctx) {
    const format = ctx.choice('format', ['simple', 'resolved', 'raw'], 'simple');
    if (format === 'resolved') {
      ctx.warn(
        'format',
        'email-format',
        "n8n's resolved format gave `text`, `html` and address objects; Flowloom gives `textPlain`, `textHtml` and the address headers as text, with the attachments as files",
      );
    } else if (format === 'raw') {
      ctx.warn(
        'format',
        'email-format',
        'n8n gave the message as base64 text in `raw`; Flowloom gives it as an .eml file under the binary key `data`',
      );
    }
    ctx.warn(undefined, 'imap-polling', 'n8n was told of new mail as it came; Flowloom asks the server every minute (set "Poll every")');
    ctx.ignore('options.forceReconnect', 'options.trackLastMessageId');
    allowUnauthorizedCerts(ctx, 'options.allowUnauthorizedCerts', 'IMAP');
    const search = ctx.literal<string>('options.customEmailConfig', 'string', '["UNSEEN"]');
    return {
      type: 'core.emailTrigger',
      parameters: compact({
        mailbox: ctx.literal<string>('mailbox', 'string', 'INBOX'),
        markAsRead: ctx.choice('postProcessAction', ['read', 'nothing'], 'read') === 'read',
        format: format === 'raw' ? 'raw' : 'simple',
        downloadAttachments: format === 'resolved' || ctx.literal<boolean>('downloadAttachments', 'boolean', false),
        attachmentPrefix: ctx.literal<string>('dataPropertyAttachmentsPrefixName', 'string', 'attachment_'),
        search,
      }),
      credential: { slot: 'imap', n8nType: 'imap' },
    };
  },
};

/** Read/Write Files from Disk v1: reading by pattern, writing with append. */
export const readWriteFileMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    const operation = ctx.choice('operation', ['read', 'write'], 'read');
    if (operation === 'read') {
      for (const option of ['fileExtension', 'fileName', 'mimeType']) ctx.onlyDefault(`options.${option}`);
      filesRootWarning(ctx, 'fileSelector');
      return {
        type: 'core.readWriteFile',
        parameters: compact({
          operation,
          fileSelector: ctx.value('fileSelector', ''),
          binaryProperty: ctx.value('options.dataPropertyName'),
        }),
      };
    }
    filesRootWarning(ctx, 'fileName');
    return {
      type: 'core.readWriteFile',
      parameters: compact({
        operation,
        fileName: ctx.value('fileName', ''),
        binaryProperty: ctx.value('dataPropertyName'),
        append: ctx.literal<boolean>('options.append', 'boolean', false) || undefined,
      }),
    };
  },
};

/** Read Binary File v1 (n8n's older node): one file by its path. */
export const readBinaryFileMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    filesRootWarning(ctx, 'filePath');
    return {
      type: 'core.readWriteFile',
      parameters: compact({ operation: 'read', fileSelector: literalPath(ctx, 'filePath'), binaryProperty: ctx.value('dataPropertyName') }),
    };
  },
};

/** Read Binary Files v1 (n8n's older node): the files a pattern matches. */
export const readBinaryFilesMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    filesRootWarning(ctx, 'fileSelector');
    return {
      type: 'core.readWriteFile',
      parameters: compact({
        operation: 'read',
        fileSelector: ctx.value('fileSelector', ''),
        binaryProperty: ctx.value('dataPropertyName'),
      }),
    };
  },
};

/** Write Binary File v1 (n8n's older node). */
export const writeBinaryFileMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    filesRootWarning(ctx, 'fileName');
    return {
      type: 'core.readWriteFile',
      parameters: compact({
        operation: 'write',
        fileName: ctx.value('fileName', ''),
        binaryProperty: ctx.value('dataPropertyName'),
        append: ctx.literal<boolean>('options.append', 'boolean', false) || undefined,
      }),
    };
  },
};

/** Execute Command v1: the command, once or per item. */
export const executeCommandMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    ctx.warn(
      undefined,
      'execute-command',
      'Flowloom runs commands only when the host turns them on (createNodeEngine({ executeCommand: { enabled: true } })), with a time limit and without the server’s environment variables',
    );
    return {
      type: 'core.executeCommand',
      parameters: compact({
        command: ctx.value('command', ''),
        executeOnce: ctx.literal<boolean>('executeOnce', 'boolean', true),
      }),
    };
  },
};

/** n8n node type -> mapping, for the node types above. */
export const NODE_ONLY_MAPPINGS: Readonly<Record<string, NodeMapping>> = {
  'n8n-nodes-base.emailSend': emailSendMapping,
  'n8n-nodes-base.emailReadImap': emailReadImapMapping,
  'n8n-nodes-base.readWriteFile': readWriteFileMapping,
  'n8n-nodes-base.readBinaryFile': readBinaryFileMapping,
  'n8n-nodes-base.readBinaryFiles': readBinaryFilesMapping,
  'n8n-nodes-base.writeBinaryFile': writeBinaryFileMapping,
  'n8n-nodes-base.executeCommand': executeCommandMapping,
};
