/**
 * MIME types of common file extensions, for files whose type is known only by
 * name: files taken out of archives, files read from disk.
 */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  txt: 'text/plain',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  md: 'text/markdown',
  xml: 'application/xml',
  json: 'application/json',
  js: 'text/javascript',
  mjs: 'text/javascript',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  ico: 'image/vnd.microsoft.icon',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  webm: 'video/webm',
  zip: 'application/zip',
  gz: 'application/gzip',
  tar: 'application/x-tar',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  rtf: 'application/rtf',
  eml: 'message/rfc822',
  ics: 'text/calendar',
  db: 'application/vnd.sqlite3',
  sqlite: 'application/vnd.sqlite3',
};

/** The MIME type of a file extension (without the dot, any case), or `application/octet-stream`. */
export function mimeTypeOfExtension(extension: string | undefined): string {
  const key = extension?.toLowerCase();
  return key !== undefined && Object.hasOwn(BY_EXTENSION, key) ? BY_EXTENSION[key]! : 'application/octet-stream';
}

/** The MIME type a file name's extension suggests, or `application/octet-stream`. */
export function mimeTypeOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return mimeTypeOfExtension(dot >= 0 ? fileName.slice(dot + 1) : undefined);
}
